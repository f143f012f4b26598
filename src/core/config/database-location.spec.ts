import { databaseLocation } from './database-location';

describe('databaseLocation', () => {
  it.each([
    ['postgres', 'postgres://root:secret@db:5432/wf?password=x', 'postgres://db:5432/wf'],
    ['mysql', 'mysql://root:secret@127.0.0.1:3306/wf', 'mysql://127.0.0.1:3306/wf'],
    ['postgres', 'postgres://db', 'postgres://db'],
  ] as const)('drops credentials and query from a %s URL', (type, url, shown) => {
    expect(databaseLocation({ type, url })).toBe(shown);
  });

  it('shows a SQLite database as its path', () => {
    expect(databaseLocation({ type: 'sqlite', url: './data/workflow.sqlite' })).toBe(
      'sqlite:./data/workflow.sqlite',
    );
  });
});
