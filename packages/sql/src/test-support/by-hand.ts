/**
 * Hand-worked tests' database: `data` written on a dialect, and `ask`, which answers a request from SQL, checks that it
 * equals the JS engine's answer on the same data (`sameAnswer`), and gives the SQL answer as a client reads it (JSON).
 */
import { answerRequest, prepareDataset, type CsRequest, type Dataset } from '@cskit/metrics';
import { expect } from 'vitest';
import { createSqlEngine } from '../engine/sql-engine.js';
import type { Dialect } from '../schema/dialect.js';
import { writeDataset } from '../write/write-dataset.js';
import { openDatabase } from './databases.js';
import { sameAnswer } from './same-answer.js';

export interface AnsweredLikeJs {
  ask: (request: CsRequest) => Promise<Record<string, unknown>>;
  close: () => Promise<void>;
}

export async function answeredLikeJs(dialect: Dialect, data: Dataset): Promise<AnsweredLikeJs> {
  const db = await openDatabase(dialect);
  try {
    await writeDataset(db.client, data, { dialect });
  } catch (error) {
    await db.close();
    throw error;
  }
  const engine = createSqlEngine({ client: db.client, dialect });
  const local = prepareDataset(data);
  const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  return {
    ask: async (request) => {
      const answer = asJson(await engine.answer(request));
      const expected = asJson(answerRequest(local, request as never));
      expect(sameAnswer(answer, expected), JSON.stringify(request)).toEqual(expected);
      return answer;
    },
    close: () => db.close(),
  };
}
