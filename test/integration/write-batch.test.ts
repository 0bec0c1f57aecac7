import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { queryPrepared } from '../../src/database/prepared-statement';
import { renumbered, WriteBatch } from '../../src/database/write-batch';
import { ANONYMOUS } from '../../src/auth/viewer';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RequestDatabase } from '../../src/database/request-database';
import { TEST_DB_CONFIG } from '../helpers/test-database-url';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

type Row = Record<string, unknown>;

describe('renumbered', () => {
  it('moves placeholders past earlier parts and leaves quoted text alone', () => {
    const sql = `UPDATE "t" SET "a" = $1, "b" = '{"typed": "$1 and $2", "it''s": "$3"}' WHERE "$1" = $2`;
    expect(renumbered(sql, 4)).toBe(
      `UPDATE "t" SET "a" = $5, "b" = '{"typed": "$1 and $2", "it''s": "$3"}' WHERE "$1" = $6`,
    );
    expect(renumbered(sql, 0)).toBe(sql);
    // Texts are remembered per offset: the same text at another offset moves by that one.
    expect(renumbered(sql, 4)).toBe(renumbered(sql, 4));
    expect(renumbered(sql, 1)).toBe(
      `UPDATE "t" SET "a" = $2, "b" = '{"typed": "$1 and $2", "it''s": "$3"}' WHERE "$1" = $3`,
    );
  });
});

describe('WriteBatch', () => {
  let db: TestDatabase;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = db.dataSource.createQueryRunner();
    await runner.query(`CREATE TABLE batch_items (id serial PRIMARY KEY, label text NOT NULL,
      price numeric(10, 2) NOT NULL DEFAULT 0, at timestamp NOT NULL DEFAULT now())`);
    await runner.query("INSERT INTO batch_items (label, price) VALUES ('kept', 1.50)");
  });
  afterAll(async () => {
    await runner?.release();
    await db?.drop();
  });

  const labels = async () => {
    const rows = (await runner.query('SELECT label FROM batch_items ORDER BY id')) as Row[];
    return rows.map((row) => row.label);
  };

  it('runs every part in one statement and hands each its own rows', async () => {
    const statements: string[] = [];
    const logger = db.dataSource.logger;
    const spy = jest.spyOn(logger, 'logQuery').mockImplementation((query) => {
      statements.push(query);
    });
    const batch = new WriteBatch();
    let updated: Row[] = [];
    let inserted: Row[] = [];
    let deleted: Row[] = [];
    batch.add(
      "UPDATE batch_items SET price = $1 WHERE label = 'kept' RETURNING *",
      ['2.50'],
      (rows) => (updated = rows),
      { primary: true },
    );
    batch.add(
      "INSERT INTO batch_items (label) VALUES ($1), ('$1 typed'), ($2) RETURNING *",
      ['first', 'second'],
      (rows) => (inserted = rows),
    );
    batch.add("DELETE FROM batch_items WHERE label = 'nothing' RETURNING id", [], (rows) => {
      deleted = rows;
    });
    try {
      await batch.flush(runner.manager);
    } finally {
      spy.mockRestore();
    }
    expect(statements).toHaveLength(1);
    // The primary row keeps the driver's types (numeric stays a string, timestamp a Date).
    expect(updated).toEqual([
      { id: expect.any(Number), label: 'kept', price: '2.50', at: expect.any(Date) },
    ]);
    expect(inserted.map((row) => row.label)).toEqual(['first', '$1 typed', 'second']);
    expect(deleted).toEqual([]);
    expect(await labels()).toEqual(['kept', 'first', '$1 typed', 'second']);
  });

  it("still returns the other parts' rows when the primary part writes none", async () => {
    const batch = new WriteBatch();
    let primary: Row[] = [{}];
    let inserted: Row[] = [];
    batch.add(
      "UPDATE batch_items SET price = 0 WHERE label = 'absent' RETURNING *",
      [],
      (rows) => {
        primary = rows;
      },
      { primary: true },
    );
    batch.add("INSERT INTO batch_items (label) VALUES ('third') RETURNING label", [], (rows) => {
      inserted = rows;
    });
    await batch.flush(runner.manager);
    expect(primary).toEqual([]);
    expect(inserted).toEqual([{ label: 'third' }]);
  });

  it('writes nothing when one part fails', async () => {
    const before = await labels();
    const batch = new WriteBatch();
    batch.add("INSERT INTO batch_items (label) VALUES ('never')", []);
    batch.add('INSERT INTO batch_items (label) VALUES ($1)', [null]);
    await expect(batch.flush(runner.manager)).rejects.toThrow(/null value/);
    expect(await labels()).toEqual(before);
  });

  it('hands a single UPDATE its rows, not TypeORM’s [rows, count]', async () => {
    const batch = new WriteBatch();
    let rows: Row[] = [];
    batch.add(
      "UPDATE batch_items SET price = 3 WHERE label = 'kept' RETURNING label, price",
      [],
      (r) => {
        rows = r;
      },
    );
    await batch.flush(runner.manager);
    expect(rows).toEqual([{ label: 'kept', price: '3.00' }]);
  });
});

describe('queryPrepared', () => {
  let db: TestDatabase;
  let runner: QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = db.dataSource.createQueryRunner();
    await runner.query('CREATE TABLE prepared_items (id serial PRIMARY KEY, label text)');
    await runner.query("INSERT INTO prepared_items (label) VALUES ('one')");
  });
  afterAll(async () => {
    await runner?.release();
    await db?.drop();
  });

  it('prepares afresh once a migration changed the columns a prepared statement returns', async () => {
    const select = 'SELECT * FROM prepared_items WHERE id = $1';
    expect(await queryPrepared(runner, select, [1])).toEqual([{ id: 1, label: 'one' }]);
    await runner.query('ALTER TABLE prepared_items ADD COLUMN price numeric');
    // The statement this connection prepared no longer fits: that call fails, as a query error…
    await expect(queryPrepared(runner, select, [1])).rejects.toThrow(QueryFailedError);
    // …and the next one prepares under a new name.
    expect(await queryPrepared(runner, select, [1])).toEqual([
      { id: 1, label: 'one', price: null },
    ]);
  });
});

describe("the read path's prepared statements", () => {
  let db: TestDatabase;
  /** One connection: every request below runs on the connection that prepared the statement. */
  let single: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.dataSource.query('CREATE TABLE read_items (id serial PRIMARY KEY, label text)');
    await db.dataSource.query("INSERT INTO read_items (label) VALUES ('one')");
    await db.dataSource.query('GRANT SELECT ON read_items TO wizard_app');
    single = new DataSource(dataSourceOptions(db.url, { ...TEST_DB_CONFIG, dbPoolSize: 1 }));
    await single.initialize();
  });
  afterAll(async () => {
    if (single?.isInitialized) await single.destroy();
    await db?.drop();
  });

  it('prepare afresh once a migration changed the columns a named read returns', async () => {
    // Each call one request: a failed statement aborts its transaction, which then rolls back.
    const read = async () => {
      const rdb = new RequestDatabase(single, ANONYMOUS);
      try {
        return await rdb.read({ name: 'read_items_all', text: 'SELECT * FROM read_items' });
      } finally {
        await rdb.finish(false);
      }
    };
    expect(await read()).toEqual([{ id: 1, label: 'one' }]);
    await db.dataSource.query('ALTER TABLE read_items ADD COLUMN price numeric');
    // The statement the connection prepared no longer fits: that call fails…
    await expect(read()).rejects.toThrow(/cached plan/);
    // …and the next one, on the same connection, prepares under a new name.
    expect(await read()).toEqual([{ id: 1, label: 'one', price: null }]);
  });
});
