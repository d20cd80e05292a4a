// The contract between the bench harness and a scenario. A scenario runs in two processes:
// `serve` in the server process (seed a fresh database, build the app), `requests` in the
// load process (what autocannon sends). Only JSON crosses between them (`info`).
import type { FastifyInstance } from 'fastify';
import type { Request as LoadRequest } from 'autocannon';
import type { AppConfig } from '../src/config.js';
import type { DatabaseHandle, Dialect } from '../src/db/index.js';

export type { LoadRequest };

export interface ServeContext {
  /** A fresh, migrated database of the dialect under test, only for this scenario. */
  handle: DatabaseHandle;
  dialect: Dialect;
  /** The product's configuration for a bench process (no static files, silent logs). */
  config: AppConfig;
  /** Builds the real app (every plugin, the guard, every route) on `handle`. */
  buildApp(): Promise<FastifyInstance>;
}

export interface Served<Info> {
  /** The app to listen with; the harness calls listen and close. */
  app: FastifyInstance;
  /** Handed to `requests` in the load process; must be JSON. */
  info: Info;
  /**
   * Figures measured inside the server process (for example an in-process p50 of a query),
   * copied into the scenario's result as they are.
   */
  metrics?: Record<string, number>;
}

export interface BenchScenario<Info = unknown> {
  /** Name in results.json, e.g. `checkin`. */
  name: string;
  /** One line for the printed table's legend. */
  description: string;
  /** Dialects the scenario makes sense on (default: every dialect of the run). */
  dialects?: Dialect[];
  /** Concurrent connections (default 100). */
  connections?: number;
  /** At most this many requests (default 50,000) ... */
  amount?: number;
  /** ... and at most this many seconds of load (default 10). */
  maxSeconds?: number;
  /** A short unmeasured run first (default true). Off when every request may be sent only once. */
  warmup?: boolean;
  serve(ctx: ServeContext): Promise<Served<Info>>;
  /** The requests autocannon cycles through; `setupRequest` may vary each one. */
  requests(info: Info): LoadRequest[];
}

/** Identity helper so a scenario file gets its `Info` type inferred. */
export function defineScenario<Info>(scenario: BenchScenario<Info>): BenchScenario<Info> {
  return scenario;
}
