// npm test: starts the service the way a developer does (the local launcher: embedded PostgreSQL 17, a throwaway
// keyset) against the SonarQube Cloud simulator, runs every tests/*.test.mjs with node's test runner, stops both.
// Needs the compiled classes (./mvnw verify or ./mvnw test-compile ran before) and a JDK 25.
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
// a JDK 25: JAVA_HOME, else the one .ci/run uses, else java on the PATH
const jdk25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
const javaHome = process.env.JAVA_HOME || (existsSync(jdk25) ? jdk25 : null);
const java = javaHome ? join(javaHome, "bin", "java") : "java";
const logs = join(here, "logs");
mkdirSync(logs, { recursive: true });

const started = [];
const stopAll = () => {
  for (const child of started.reverse()) {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
};
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stopAll(); process.exit(130); });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function classpath() {
  const file = join(root, "target", "compat-classpath.txt");
  if (!existsSync(file)) {
    execFileSync(join(root, "mvnw"), ["-B", "-ntp", "-q", "dependency:build-classpath", "-Dmdep.includeScope=test",
      `-Dmdep.outputFile=${file}`], { cwd: root, stdio: "inherit" });
  }
  if (!existsSync(join(root, "target", "test-classes", "dev"))) {
    throw new Error("compile the service first: ./mvnw test-compile (or verify)");
  }
  const deps = execFileSync("cat", [file]).toString().trim();
  return [join(root, "target", "test-classes"), join(root, "target", "classes"), deps].join(":");
}

function start(name, args, env, readyLine) {
  const child = spawn(java, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  const log = createWriteStream(join(logs, `${name}.log`));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 300 s (see compat/logs/${name}.log)`)), 300_000);
    child.stdout.on("data", (chunk) => {
      seen = (seen + chunk.toString()).slice(-4000);
      if (seen.includes(readyLine)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} (see compat/logs/${name}.log)`));
    });
  });
}

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

const t0 = Date.now();
const cp = classpath();
const [euPort, usPort, servicePort, hubPagePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
const jvm = ["-XX:+UseSerialGC", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", cp];

await start("simulator", [...jvm, "dev.connector.sonarcloud.sim.SimulatorLauncher", String(euPort), String(usPort)], {},
  "SonarQube Cloud simulator:");

const apiKey = "compat-api-key-all-scopes";
const readOnlyKey = "compat-api-key-read-only";
const hubOrigin = `http://127.0.0.1:${hubPagePort}`;
await start("service", [...jvm, "dev.connector.sonarcloud.LocalConnectorApplication",
  `--server.port=${servicePort}`, `--connector.hub.allowed-origins=${hubOrigin}`], {
  CONNECTOR_REGIONS_EU_BASE_URL: `http://127.0.0.1:${euPort}`,
  CONNECTOR_REGIONS_EU_API_URL: `http://127.0.0.1:${euPort}`,
  CONNECTOR_REGIONS_US_BASE_URL: `http://127.0.0.1:${usPort}`,
  CONNECTOR_REGIONS_US_API_URL: `http://127.0.0.1:${usPort}`,
  CONNECTOR_API_KEYS_0_PROJECT: "compat",
  CONNECTOR_API_KEYS_0_KEY_SHA256: sha256(apiKey),
  CONNECTOR_API_KEYS_0_SCOPES: "connect,accounts,actions:read,actions:write,admin",
  CONNECTOR_API_KEYS_1_PROJECT: "compat",
  CONNECTOR_API_KEYS_1_KEY_SHA256: sha256(readOnlyKey),
  CONNECTOR_API_KEYS_1_SCOPES: "actions:read",
  CONNECTOR_UPSTREAM_MAX_ATTEMPTS: "2",
  CONNECTOR_UPSTREAM_RETRY_AFTER_MAX: "1s",
}, "is ready on");
console.log(`compat: simulator and service up in ${((Date.now() - t0) / 1000).toFixed(1)} s `
  + `(service http://127.0.0.1:${servicePort}, simulator EU ${euPort} US ${usPort})`);

const tests = readdirSync(join(here, "tests")).filter((f) => f.endsWith(".test.mjs")).sort()
  .map((f) => join("tests", f));
const only = process.argv.slice(2);
const runner = spawn(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=spec",
  ...(only.length ? only : tests)], {
  cwd: here,
  stdio: "inherit",
  env: {
    ...process.env,
    COMPAT_BASE_URL: `http://127.0.0.1:${servicePort}`,
    COMPAT_API_KEY: apiKey,
    COMPAT_READ_ONLY_KEY: readOnlyKey,
    COMPAT_SIM_EU: `http://127.0.0.1:${euPort}`,
    COMPAT_SIM_US: `http://127.0.0.1:${usPort}`,
    COMPAT_HUB_PAGE_PORT: String(hubPagePort),
  },
});
const code = await new Promise((resolve) => runner.on("exit", (c) => resolve(c ?? 1)));
console.log(`compat: finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
stopAll();
process.exit(code);
