/**
 * Docker cannot run everywhere the tests run, so compose.yaml is checked as data: the services
 * of the several-instances recipe, their health checks, restart policies, grace periods and
 * volumes, and that every Guardline variable it sets is one the service knows.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema } from "../src/config/config.ts";

const root = new URL("..", import.meta.url).pathname;
const compose = parse(readFileSync(`${root}compose.yaml`, "utf8"), { merge: true }) as {
  services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
  volumes: Record<string, unknown>;
};
const seconds = (d: unknown) => Number(/^(\d+)s$/.exec(String(d))?.[1] ?? NaN);

describe("compose.yaml", () => {
  it("has PostgreSQL, Redis, two Guardline instances and Caddy, each health-checked and restarted", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["caddy", "guardline", "postgres", "redis"]);
    expect(compose.services.guardline!.deploy).toMatchObject({ replicas: 2 });
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.restart, name).toBe("unless-stopped");
      const health = service.healthcheck as { test: string[]; interval: string };
      expect(health?.test?.length, name).toBeGreaterThan(0);
      expect(seconds(health.interval), name).toBeGreaterThan(0);
      expect(seconds(service.stop_grace_period), name).toBeGreaterThanOrEqual(30);
    }
  });

  it("starts Guardline after healthy PostgreSQL and Redis, and Caddy after a ready Guardline", () => {
    expect(compose.services.guardline!.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      redis: { condition: "service_healthy" },
    });
    expect(compose.services.caddy!.depends_on).toEqual({ guardline: { condition: "service_healthy" } });
    expect(JSON.stringify(compose.services.guardline!.healthcheck)).toContain("/readyz");
  });

  it("keeps data in named volumes and Redis on an append-only file", () => {
    for (const [service, volume] of [
      ["postgres", "postgres-data"],
      ["redis", "redis-data"],
      ["caddy", "caddy-data"],
    ] as const) {
      expect(compose.volumes).toHaveProperty(volume);
      expect((compose.services[service]!.volumes as string[]).some((v) => v.startsWith(`${volume}:`))).toBe(
        true,
      );
    }
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(["--appendonly", "yes"]));
  });

  it("sets only variables Guardline knows, and the .env example holds every one compose asks for", () => {
    const known = Object.keys(configSchema.shape);
    for (const name of Object.keys(compose.services.guardline!.environment!)) expect(known).toContain(name);
    expect(compose.services.guardline!.env_file).toBe(".env");
    const example = readFileSync(`${root}deploy/compose.env.example`, "utf8");
    const asked = [...readFileSync(`${root}compose.yaml`, "utf8").matchAll(/\$\{(\w+)/g)].map((m) => m[1]!);
    for (const name of new Set(asked)) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
    for (const line of example.split("\n").filter((l) => /^\w+=/.test(l))) {
      const name = line.split("=")[0]!;
      if (!asked.includes(name)) expect(known, name).toContain(name);
    }
  });

  it("has Caddy proxy every instance with health checks, from the mounted Caddyfile", () => {
    const mounted = (compose.services.caddy!.volumes as string[]).find((v) =>
      v.endsWith(":/etc/caddy/Caddyfile:ro"),
    );
    const file = `${root}${mounted!.split(":")[0]!.replace(/^\.\//, "")}`;
    expect(existsSync(file)).toBe(true);
    const caddyfile = readFileSync(file, "utf8");
    expect(caddyfile).toMatch(/dynamic a guardline 3000/);
    expect(caddyfile).toMatch(/health_uri \/healthz/);
    expect(caddyfile).toContain("{$GUARDLINE_DOMAIN}");
  });
});
