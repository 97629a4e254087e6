import { createContext } from "preact";
import { useContext } from "preact/hooks";

export interface Me {
  id: string;
  email: string;
  role: "viewer" | "csm" | "finance" | "owner";
  hasPassword: boolean;
  tenant: { id: string; name: string };
  permissions: string[];
  csrfToken: string;
  sessionEndsAt: string;
}

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  return useContext(MeContext)!;
}

/** Whether the signed-in role may do something; the server checks again on every call. */
export function useCan(permission: string): boolean {
  return useMe().permissions.includes(permission);
}
