/** The shipped PostgreSQL migration files are exactly the steps migratePostgres applies (no server needed). */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from '../../src/stores/postgres/index.js';

const dir = new URL('../../sql/postgres/', import.meta.url);

describe('PostgreSQL migration steps', () => {
  it('[STORE-11] each shipped sql/postgres file is the step the function applies, byte for byte, and no file is left out', () => {
    for (const step of POSTGRES_MIGRATIONS)
      expect(readFileSync(new URL(step.file, dir), 'utf8')).toBe(step.sql);
    expect(readdirSync(dir).sort()).toEqual(POSTGRES_MIGRATIONS.map((m) => m.file));
  });

  it('[STORE-11] steps are numbered 1..n in order, name their version, and each records the version it produces', () => {
    POSTGRES_MIGRATIONS.forEach((step, i) => {
      expect(step.version).toBe(i + 1);
      expect(step.file.startsWith(String(step.version).padStart(3, '0') + '-')).toBe(true);
      expect(step.sql).toContain(`schema version ${step.version}`);
      const records =
        i === 0
          ? `INSERT INTO jitsuin_schema (id, version) VALUES (1, 1);`
          : `UPDATE jitsuin_schema SET version = ${step.version} WHERE id = 1;`;
      expect(step.sql.trimEnd().endsWith(records)).toBe(true);
    });
    expect(POSTGRES_SCHEMA_VERSION).toBe(POSTGRES_MIGRATIONS.length);
  });
});
