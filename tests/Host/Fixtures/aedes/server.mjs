// aedes (an MQTT broker for Node.js) behind a WebSocket server (ws): MQTT over WebSockets on /mqtt, plain or TLS.
// Started by tests/Host/Fixtures/AedesBroker.cs:
//   node server.mjs PORT [CERT_PEM KEY_PEM]
// PORT 0 picks a free port. Prints "listening PORT" once ready; ends on SIGTERM/SIGKILL or when stdin closes.
import { createServer as createHttpServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { readFileSync } from 'node:fs'
import { Aedes } from 'aedes'
import { WebSocketServer, createWebSocketStream } from 'ws'

const [portText, certFile, keyFile] = process.argv.slice(2)
const aedes = await Aedes.createBroker()
const server = certFile
  ? createHttpsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) })
  : createHttpServer()

// MQTT 3.1.1 §6: the server selects the "mqtt" subprotocol the client offers, and refuses clients that offer none
const wss = new WebSocketServer({
  server,
  path: '/mqtt',
  handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false)
})

wss.on('connection', (websocket, request) => {
  aedes.handle(createWebSocketStream(websocket), request)
})

server.listen(Number(portText), '127.0.0.1', () => {
  console.log('listening ' + server.address().port)
})

// The test process owns this one: when it goes away (stdin closes), so does the broker.
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
