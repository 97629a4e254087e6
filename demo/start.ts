/** `npm start` (after the widget build): the API and the demo host app on $PORT (default 8787). */
import { startDemo } from "./server.ts";

const server = await startDemo({ port: Number(process.env.PORT ?? 8787), host: process.env.HOST ?? "127.0.0.1" });
console.log(`Tenure API on ${server.url}  ·  demo: ${server.url}/demo/  ·  docs: ${server.url}/docs`);
console.log(`Staff console: ${server.url}/console/  ·  sign in as the demo owner (one-time link, 15 minutes): ${server.staffSignInUrl}`);
console.log(`A new link later: npm run tenure -- staff link --tenant ${server.tenantId} --email owner@planboard.example`);
