/**
 * An http(s) URL typed into the landing's path field: the host fetches it into its cache and
 * the rows show; a URL the server does not have says so under the field, with what to do. The
 * file server is a plain HTTP server this test starts on 127.0.0.1, with ETags and ranges.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './shells';

const CSV = 'day,origin,delay\n2026-03-01,SFO,4\n2026-03-02,OAK,-2\n2026-03-03,SJC,19\n2026-03-04,SFO,0\n';

let server: Server;
let base: string;
const served: string[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    served.push(`${request.method} ${request.url}`);
    if (request.url === '/exports/slow.csv') {
      // About 1.2 MB in 24 pieces over about 2.4 s: long enough to watch the download.
      const body = Buffer.from('id,value\n' + Array.from({ length: 120_000 }, (_, index) => `${index + 1},${index % 97}`).join('\n') + '\n');
      response.writeHead(200, { etag: '"slow-v1"', 'content-type': 'text/csv', 'content-length': String(body.length) });
      if (request.method === 'HEAD') return void response.end();
      const piece = Math.ceil(body.length / 24);
      let sent = 0;
      const timer = setInterval(() => {
        response.write(body.subarray(sent, sent + piece));
        sent += piece;
        if (sent >= body.length) {
          clearInterval(timer);
          response.end();
        }
      }, 100);
      return;
    }
    if (request.url !== '/exports/bay-area.csv') {
      response.writeHead(404, 'Not Found').end();
      return;
    }
    const headers = { etag: '"bay-area-v1"', 'content-type': 'text/csv', 'accept-ranges': 'bytes', 'content-length': String(Buffer.byteLength(CSV)) };
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : CSV);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

test('a URL opens like a file, and a missing one says why under the field', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  const field = page.getByRole('textbox', { name: 'Path or URL' });

  await field.fill(`${base}/exports/missing.csv`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const problem = page.locator('form.open-path').getByRole('alert');
  await expect(problem).toContainText(`${base}/exports/missing.csv: the server answered 404 Not Found`);
  await expect(problem).toContainText('fetched by the machine running Winnow');
  await expect(page.getByRole('alert')).toHaveCount(1);

  await field.fill(`${base}/exports/bay-area.csv`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('4 rows');
  const row = (index: number) => page.getByRole('grid', { name: 'Rows of the dataset' }).locator(`[aria-rowindex="${index}"] [role="gridcell"]`);
  await expect(row(4)).toHaveText(['3', '2026-03-03', 'SJC', '19']);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The host asked the server what the file is (HEAD) before downloading it once.
  expect(served.filter((line) => line.endsWith('/exports/bay-area.csv'))).toEqual(['HEAD /exports/bay-area.csv', 'GET /exports/bay-area.csv']);
});

test('a large URL shows how far its download has got, then opens', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(`${base}/exports/slow.csv`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const status = page.locator('p.opening');
  await expect(status).toHaveText(new RegExp(`^Downloading ${base.replaceAll('.', '\\.')}/exports/slow\\.csv: [\\d.]+ [KM]?B of 1\\.\\d MB…$`));
  await expect(page.getByRole('progressbar', { name: 'Download progress' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/http-downloading.png' });
  await expect(page.getByRole('status', { name: 'Row count' })).toHaveText('120,000 rows', { timeout: 30_000 });
});
