/**
 * The Workers bindings Tenure uses (wrangler.toml), typed structurally (only the calls we
 * make) so services stay free of Workers globals; worker.ts checks the entry against
 * `ExportedHandler<WorkerEnv>` from @cloudflare/workers-types.
 */
import type { EventQueue } from "../services/usage/event-queue.ts";

export interface DurableObjectStub {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStub;
}

/** The Rate Limiting binding: one counter per key per Cloudflare location. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface QueueMessage {
  readonly id: string;
  readonly body: unknown;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatch {
  readonly queue: string;
  readonly messages: readonly QueueMessage[];
}

export interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

export interface DurableObjectState {
  readonly storage: DurableObjectStorage;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

export interface WorkerEnv {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  ASSETS?: { fetch(request: Request | string): Promise<Response> };
  EVENTS_QUEUE?: EventQueue;
  TENANT_QUOTA?: DurableObjectNamespace;
  /** Widget push: one WidgetPush object per tenant holds its open widgets' streams. */
  WIDGET_PUSH?: DurableObjectNamespace;
  /** The abuse guards: per end user (widget events) and per client IP (all ingestion). */
  USER_RATE_LIMIT?: RateLimitBinding;
  IP_RATE_LIMIT?: RateLimitBinding;
  TENANT_EVENTS_PER_SECOND?: string;
  TENANT_EVENTS_BURST?: string;
  [key: string]: unknown;
}
