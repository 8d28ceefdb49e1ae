import { openDatabase, type Db } from '../../main/store/database.ts';
import type { Later } from './cleanups.ts';
import { tempDir } from './temp-dir.ts';

/** A migrated database in a fresh temporary dir; `later` closes it and removes the dir after the test. */
export function tempDatabase(later: Later): { db: Db; dir: string } {
  const t = tempDir();
  const { db } = openDatabase(t.dir);
  later(() => {
    db.close();
    t.cleanup();
  });
  return { db, dir: t.dir };
}
