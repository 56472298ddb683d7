import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";

/** The machine's MariaDB (or MySQL); CAIRN_TEST_MYSQL_URL points elsewhere. */
export const MYSQL_URL = process.env["CAIRN_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/test";

/**
 * A fresh, empty database for one test file, dropped afterwards, so test files never see each
 * other's rows.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cairn_test_${randomBytes(6).toString("hex")}`;
  const admin = await mysql.createConnection({ uri: MYSQL_URL });
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = await mysql.createConnection({ uri: MYSQL_URL });
      await client.query(`drop database if exists ${name}`);
      await client.end();
    },
  };
}
