const http = require('node:http');

const port = Number(process.env.PORT ?? 8080);

http
  .createServer((request, response) => {
    if (request.url === '/healthz' || request.url === '/ready') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ service: '${{ values.name }}' }));
  })
  .listen(port);
