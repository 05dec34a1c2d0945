// Developer tool: screenshot a route of a running preview.  node --import tsx test/e2e/shoot.mts <url> <name> [width] [height]
import { launch, screenshot } from './browser';
const [url, name, w, h] = process.argv.slice(2);
const b = await launch({ width: Number(w ?? 1280), height: Number(h ?? 800) });
const { page, problems } = await b.newPage();
await page.goto(url!);
await page.waitForTimeout(800);
console.log(await screenshot(page, name ?? 'shot'));
console.log(JSON.stringify(problems));
await b.close();
