import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Res } from '@nestjs/common';
import type { HttpResponse } from '@welkom/runtime';

const WEB = path.resolve(__dirname, '..', '..', 'web');

/** The page and its assets, read once at start; the charting library is served from node_modules, never a CDN. */
const ASSETS = {
  page: readFileSync(path.join(WEB, 'index.html'), 'utf8'),
  script: readFileSync(path.join(WEB, 'console.js'), 'utf8'),
  style: readFileSync(path.join(WEB, 'console.css'), 'utf8'),
  echarts: readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8'),
};

function send(response: HttpResponse, contentType: string, body: string): void {
  response.status(200).type(contentType).send(body);
}

/** GET /: the console page (one page, static, filled from /api/panels). */
@Controller()
export class ConsolePageHttpController {
  @Get()
  page(@Res() response: HttpResponse): void {
    send(response, 'text/html; charset=utf-8', ASSETS.page);
  }

  @Get('assets/console.js')
  script(@Res() response: HttpResponse): void {
    send(response, 'application/javascript; charset=utf-8', ASSETS.script);
  }

  @Get('assets/console.css')
  style(@Res() response: HttpResponse): void {
    send(response, 'text/css; charset=utf-8', ASSETS.style);
  }

  @Get('assets/echarts.min.js')
  echarts(@Res() response: HttpResponse): void {
    send(response, 'application/javascript; charset=utf-8', ASSETS.echarts);
  }
}
