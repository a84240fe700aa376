import fs from 'node:fs';
import path from 'node:path';
import express, { Express } from 'express';

/** The paths the dashboard's own router answers (../shared/API.md "Dashboard"). */
export const DASHBOARD_PAGES = ['/', '/region', '/region/{*rest}', '/council', '/council/{*rest}'];

/**
 * Serves the reference dashboard that Vite builds from src/dashboard into dist/dashboard: its
 * hashed assets (scripts, styles, fonts) cached for a year, and index.html, revalidated on each
 * visit, for `/` and every path under `/region/` and `/council/`, whose page the browser then
 * draws (an unknown code gets the page too, which says the API did not know it). The dashboard
 * reads only /graphql, like any other client.
 */
export function serveDashboard(app: Express, projectRoot: string): void {
  const root = path.join(projectRoot, 'dist', 'dashboard');
  const indexFile = path.join(root, 'index.html');
  app.use('/assets', express.static(path.join(root, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.get(DASHBOARD_PAGES, (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The dashboard has not been built: run `npm run build` (npm start and npm test build it).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  });
}
