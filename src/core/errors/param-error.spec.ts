import { IsString, MaxLength, validateSync, IsDefined, IsInt } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { paramErrorLine, paramException, violationsFromValidation } from './param-error';

class Sample {
  @IsDefined()
  @IsString()
  flow_id!: string;

  @IsString()
  @MaxLength(4)
  uid!: string;

  @IsInt()
  status!: number;
}

describe('460 messages', () => {
  it('formats one line per violation like the reference', () => {
    expect(
      paramErrorLine({
        loc: ['header', 'x-consumer-username'],
        input: undefined,
        description: 'Field required',
        type: 'missing',
      }),
    ).toBe('Parameter: header->x-consumer-username, Input: None, Error: Field required (missing)');
  });

  it('maps class-validator errors to body locations and error types', () => {
    const errors = validateSync(plainToInstance(Sample, { uid: 'toolong', status: 'x' }));
    const lines = violationsFromValidation(errors).map(paramErrorLine);
    expect(lines).toEqual([
      'Parameter: body->flow_id, Input: None, Error: Field required (missing)',
      expect.stringMatching(
        /^Parameter: body->uid, Input: toolong, Error: .+ \(string_too_long\)$/,
      ),
      'Parameter: body->status, Input: x, Error: Input should be a valid integer (int_type)',
    ]);
  });

  it('builds a 460 AppException whose message is the lines', () => {
    const error = paramException([
      { loc: ['body', 3], input: {}, description: 'JSON decode error', type: 'json_invalid' },
    ]);
    expect(error.code).toBe(460);
    expect(error.message).toBe(
      'Parameter: body->3, Input: {}, Error: JSON decode error (json_invalid)',
    );
  });
});
