"use client";
/**
 * `@tenure/react`: one provider loads the widget for the signed-in user; hooks read what it
 * reports. A client component ("use client"): it renders nothing of its own on the server,
 * and the hooks answer `null` there and before the widget knows the state.
 */
import { createContext, createElement, useContext, useEffect, useRef, useState } from "react";
import type { ReactElement, ReactNode } from "react";
import { loadTenure } from "@tenure/js";
import type { TenureClient, TenureState, UserTokenSource } from "@tenure/js";

export type { TenureClient, TenureState } from "@tenure/js";

interface TenureContextValue {
  client: TenureClient | null;
  state: TenureState | null;
  features: Record<string, unknown> | null;
}

const TenureContext = createContext<TenureContextValue>({ client: null, state: null, features: null });

export interface TenureProviderProps {
  /** The loader's URL, e.g. `https://tenure.example.com/widget.js`. */
  src: string;
  publishableKey: string;
  /** A JWT from your backend, or a function returning one. A new string switches user. */
  userToken: UserTokenSource;
  locale?: string;
  nonce?: string;
  children?: ReactNode;
}

/**
 * Loads the widget once for its children and logs the user out (`shutdown`) when unmounted.
 * @example <TenureProvider src="https://tenure.example.com/widget.js" publishableKey="pk_…" userToken={token}><App /></TenureProvider>
 */
export function TenureProvider(props: TenureProviderProps): ReactElement {
  const [value, setValue] = useState<TenureContextValue>({ client: null, state: null, features: null });
  // A token function is read through a ref, so a new closure each render does not reload the widget.
  const tokenSource = useRef(props.userToken);
  tokenSource.current = props.userToken;
  const tokenKey = typeof props.userToken === "string" ? props.userToken : "function";

  useEffect(() => {
    const source: UserTokenSource =
      typeof tokenSource.current === "string" ? tokenSource.current : () => (tokenSource.current as () => string | Promise<string>)();
    const client = loadTenure({
      src: props.src,
      publishableKey: props.publishableKey,
      userToken: source,
      ...(props.locale ? { locale: props.locale } : {}),
      ...(props.nonce ? { nonce: props.nonce } : {}),
    });
    const onState = (state: TenureState): void => setValue((v) => ({ ...v, state }));
    const onFeatures = (features: Record<string, unknown>): void => setValue((v) => ({ ...v, features }));
    client.on("state", onState);
    client.on("features", onFeatures);
    setValue({ client, state: null, features: null });
    return () => {
      client.off("state", onState);
      client.off("features", onFeatures);
      client.shutdown();
    };
  }, [props.src, props.publishableKey, tokenKey, props.locale, props.nonce]);

  return createElement(TenureContext.Provider, { value }, props.children);
}

/** The account's state as the widget last reported it, or null until it knows. */
export function useTenureState(): TenureState | null {
  return useContext(TenureContext).state;
}

/** The typed client (`track`, `open`, `identify`…), or null on the server and before mount. */
export function useTenure(): TenureClient | null {
  return useContext(TenureContext).client;
}

/**
 * Whether the account's plan grants a feature, from the widget's `features` event; undefined
 * until it is known. Enforce on your server too: this only shapes the UI.
 */
export function useFeature(key: string): boolean | undefined {
  const features = useContext(TenureContext).features;
  if (!features) return undefined;
  const entry = features[key];
  if (typeof entry === "boolean") return entry;
  if (entry && typeof entry === "object" && "enabled" in entry) return (entry as { enabled: unknown }).enabled === true;
  return entry !== undefined && entry !== null && entry !== false;
}
