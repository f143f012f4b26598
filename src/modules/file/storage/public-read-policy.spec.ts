import { publicReadPolicy } from './public-read-policy';

describe('publicReadPolicy', () => {
  it('grants anonymous GetObject on the objects of that bucket only', () => {
    const policy = publicReadPolicy('workflow');
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement.Effect).toBe('Allow');
    expect(statement.Principal).toEqual({ AWS: ['*'] });
    expect(statement.Action).toEqual(['s3:GetObject']);
    expect(statement.Resource).toEqual(['arn:aws:s3:::workflow/*']);
  });

  it('never grants listing or writing', () => {
    const text = JSON.stringify(publicReadPolicy('b'));
    expect(text).not.toMatch(/ListBucket|PutObject|DeleteObject|s3:\*/);
  });
});
