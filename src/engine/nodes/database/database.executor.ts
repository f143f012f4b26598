import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import '../../runtime/run-mode';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { compileDatabaseParams, type DatabaseParams } from './database-params';
import type { DatabaseRequest, DatabaseResult } from './database-service';
import { customSql } from './custom-sql';
import { projectRows } from './output-list';
import type { Sql } from './sql';
import { deleteSql, insertSql, selectSql, selectWhereSql, updateSql, whereSql } from './statements';
import type { StatementKind } from './statement-guard';

// `database` (docs/nodes.md#database): builds the mode's statement from the node's inputs and
// runs it through engine service `database` (the astron database service, or the embedded mode).

const KIND: Record<number, StatementKind> = { 1: 'insert', 2: 'update', 3: 'select', 4: 'delete' };

function paramError(detail: string): AppException {
  return new AppException(ErrorCode.PG_SQL_PARAM_ERROR, detail);
}

function checkParams(p: DatabaseParams): void {
  if (p.mode < 0 || p.mode > 4) throw paramError('Mode is out of range');
  if (p.mode === 0 && !p.sql.trim()) throw paramError('Database input SQL is empty');
  if (p.mode !== 0 && !p.tableName.trim()) throw paramError('Database input tableName is empty');
}

/** Statement kind of custom SQL by its first keyword (the embedded mode checks it strictly). */
function customKind(sql: string): StatementKind {
  const first = /^[\s(]*([A-Za-z]+)/.exec(sql)?.[1]?.toLowerCase();
  return first === 'insert' || first === 'update' || first === 'delete' ? first : 'select';
}

async function execute(
  node: Parameters<NodeExecutor<DatabaseParams>['execute']>[0],
  ctx: NodeRunContext,
): Promise<NodeResult> {
  const p = node.params;
  checkParams(p);
  const inputs = ctx.resolveInputs();
  const valueOf = (name: string) => (Object.hasOwn(inputs, name) ? inputs[name] : null);
  const backend = ctx.service('database');
  const run = (sql: Sql, kind: StatementKind): Promise<DatabaseResult> => {
    const request: DatabaseRequest = {
      sql,
      kind,
      appId: p.appId,
      apiKey: p.apiKey,
      // the requesting user, not the author's value (docs/nodes.md#database)
      uid: ctx.system.uid || p.uid,
      dbId: p.dbId,
      spaceId: p.spaceId,
      env: ctx.services.runMode === 'release' ? 'prod' : 'test',
      signal: ctx.signal,
    };
    return backend.execute(request);
  };

  let result: DatabaseResult;
  let rows: Record<string, unknown>[];
  switch (p.mode) {
    case 0: {
      result = await run(customSql(p.sql, inputs), customKind(p.sql));
      rows = result.rows;
      break;
    }
    case 1: {
      result = await run(insertSql(p.tableName, inputs), 'insert');
      rows = result.rows;
      // read each written row back by id (the last answer is kept, as in the reference)
      for (const row of result.rows) {
        if (row.id === undefined || row.id === null) continue;
        const where = [' WHERE ', { ident: 'id' }, ' = ', { value: row.id }];
        rows = (await run(selectWhereSql(p.tableName, where), 'select')).rows;
      }
      break;
    }
    case 2: {
      result = await run(updateSql(p, valueOf), 'update');
      rows = (await run(selectWhereSql(p.tableName, whereSql(p.where, valueOf)), 'select')).rows;
      break;
    }
    default: {
      const sql = p.mode === 3 ? selectSql(p, valueOf) : deleteSql(p, valueOf);
      result = await run(sql, KIND[p.mode]);
      rows = result.rows;
    }
  }
  const outputs: Record<string, unknown> = { isSuccess: true, message: result.message };
  if (p.mode === 3) outputs.outputList = rows;
  else if (p.mode !== 4) {
    outputs.outputList = projectRows(rows, node.outputByName.get('outputList'), p.mode === 0);
  }
  return { inputs, outputs };
}

export const databaseExecutor: NodeExecutor<DatabaseParams> = {
  compile: compileDatabaseParams,
  execute: (node, ctx) =>
    withNodeCode(ErrorCode.PG_SQL_NODE_EXECUTION_ERROR, () => execute(node, ctx)),
  traits: { errorGroup: 'non-stream' },
};

registerExecutor('database', databaseExecutor);
