// `npm run preview`: serves the built dist/ on http://127.0.0.1:4321/ (under the book's base path).
import { loadSettings } from '../src/model/settings.ts';
import { serveStatic } from '../src/server/static.ts';

const settings = loadSettings(process.cwd());
const port = Number(process.env.PORT ?? 4321);
const s = await serveStatic('dist', { base: settings.site.base, port });
console.log(`Serving dist/ at ${s.url} (Ctrl+C to stop)`);
