/**
 * The simulator in a process of its own for the benchmark, so the client's process holds only
 * the client: prints its API URL and credentials as one JSON line, then serves until killed.
 */
import { startSimulatorServer } from "@comptoir/hiboutik-sim";

const size = Number(process.argv[2]);
const seed = Number(process.argv[3]);
const server = await startSimulatorServer({ products: size, seed, monthlyQuota: 1_000_000 });
process.stdout.write(`${JSON.stringify({ apiUrl: server.apiUrl, ...server.credentials })}\n`);
