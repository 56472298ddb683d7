import { describe, expect, it } from "vitest";
import { parseBackendUri } from "./backend-uri.js";

describe("parseBackendUri", () => {
  it("reads SQLite paths the way MLflow writes them", () => {
    expect(parseBackendUri("sqlite:///data/cairn.db", "/srv")).toEqual({ engine: "sqlite", file: "/srv/data/cairn.db" });
    expect(parseBackendUri("sqlite:////var/cairn.db")).toEqual({ engine: "sqlite", file: "/var/cairn.db" });
    expect(parseBackendUri("sqlite:///:memory:")).toEqual({ engine: "sqlite", file: ":memory:" });
  });

  it("takes every SQLAlchemy spelling of PostgreSQL and MySQL", () => {
    for (const uri of ["postgresql://u@h:5432/db", "postgres://u@h:5432/db", "postgresql+psycopg2://u@h:5432/db"]) {
      expect(parseBackendUri(uri)).toEqual({ engine: "postgresql", connectionString: "postgresql://u@h:5432/db" });
    }
    for (const uri of ["mysql://u:p@h:3306/db", "mysql+pymysql://u:p@h:3306/db", "mysql+mysqldb://u:p@h:3306/db"]) {
      expect(parseBackendUri(uri)).toEqual({ engine: "mysql", connectionString: "mysql://u:p@h:3306/db" });
    }
  });

  it("refuses other schemes, naming the supported ones", () => {
    expect(() => parseBackendUri("mssql://h/db")).toThrow(/Supported schemes: .*mysql:\/\//);
  });
});
