import { FlowEntity } from '../../database/entities';
import { flowRowJson, isoWithoutZone, JsonInteger, prettyJson } from './flow-json';

describe('prettyJson', () => {
  it.each([
    [{}],
    [[]],
    [{ a: 1, b: [1, 'x', null, true], c: { d: {}, e: [] } }],
    [{ text: '中文 "quoted" \\ \n\t\u0001 \u2028', n: -0.5, big: 1e21 }],
    [[[[]], [{}], { deep: { deeper: [1, { x: 'y' }] } }]],
    ['plain'],
    [42],
    [null],
  ])('prints %j like JSON.stringify(v, null, 2)', (value) => {
    expect(prettyJson(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes integer literals verbatim, beyond 2^53', () => {
    const text = prettyJson({
      id: new JsonInteger('7381234567890123457'),
      list: [new JsonInteger('-1')],
    });
    expect(text).toBe('{\n  "id": 7381234567890123457,\n  "list": [\n    -1\n  ]\n}');
  });

  it('refuses a JsonInteger that is not an integer', () => {
    expect(() => new JsonInteger('12a')).toThrow();
    expect(() => new JsonInteger('1e5')).toThrow();
  });

  it('keeps non-ASCII characters raw', () => {
    expect(prettyJson({ name: 'ворота 流程 😀' })).toBe('{\n  "name": "ворота 流程 😀"\n}');
  });
});

describe('isoWithoutZone', () => {
  it.each([
    ['2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05'],
    ['2025-01-02T03:04:05.120Z', '2025-01-02T03:04:05.120000'],
    ['0999-12-31T23:59:59.001Z', '0999-12-31T23:59:59.001000'],
  ])('%s → %s', (input, expected) => {
    expect(isoWithoutZone(new Date(input))).toBe(expected);
  });

  it('keeps nulls and unparsable text', () => {
    expect(isoWithoutZone(null)).toBeNull();
    expect(isoWithoutZone('not a date')).toBe('not a date');
  });
});

describe('flowRowJson', () => {
  const row: FlowEntity = Object.assign(new FlowEntity(), {
    id: '7381234567890123457',
    groupId: '7381234567890123999',
    name: 'demo',
    data: { name: 'demo', data: { nodes: [], edges: [] } },
    releaseData: {},
    description: null,
    version: '-1',
    status: 0,
    releaseStatus: 0,
    appId: 'app1',
    source: 1,
    tag: 0,
    createAt: new Date('2025-01-02T03:04:05.000Z'),
    updateAt: new Date('2025-01-02T03:04:06.500Z'),
  });

  it('emits the reference key order, exact ids and zone-less datetimes', () => {
    const text = flowRowJson(row);
    const keys = [...text.matchAll(/^ {2}"([a-z_]+)":/gm)].map((m) => m[1]);
    expect(keys).toEqual([
      'id',
      'group_id',
      'name',
      'data',
      'release_data',
      'description',
      'version',
      'status',
      'release_status',
      'app_id',
      'source',
      'create_at',
      'tag',
      'update_at',
    ]);
    expect(text).toContain('\n  "id": 7381234567890123457,\n');
    expect(text).toContain('\n  "group_id": 7381234567890123999,\n');
    expect(text).toContain('\n  "description": null,\n');
    expect(text).toContain('\n  "create_at": "2025-01-02T03:04:05",\n');
    expect(text).toContain('\n  "update_at": "2025-01-02T03:04:06.500000"\n}');
    const parsed = JSON.parse(text);
    expect(parsed.data).toEqual(row.data);
    expect(parsed.release_data).toEqual({});
  });
});
