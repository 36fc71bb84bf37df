# Ticketing: the two commands are `make run` and `make test`.
# Every target finds a JDK 21 or newer by itself (scripts/find-jdk).

SHELL := /bin/bash
JAVA_HOME := $(shell scripts/find-jdk 2>/dev/null)
ifeq ($(JAVA_HOME),)
$(error No JDK 21 or newer found: set JAVA_HOME to one or install one (apt-get install openjdk-21-jdk-headless))
endif
export JAVA_HOME
JAVA := $(JAVA_HOME)/bin/java
JAVA_MAJOR := $(shell $(JAVA) -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
# Maven 3.8 uses sun.misc.Unsafe; JDK 23+ warns about it unless told otherwise.
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 23 ] 2>/dev/null && echo yes),yes)
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
endif
MVN := mvn -B -q -Dstyle.color=never
# The all-in-one's JVM (make run, make run-service, make bench): a capped heap and the serial collector
# keep it under 512 MB resident on two cores (README, Performance). The code cache keeps the JDK's size:
# capped at 64 MB, each 15 % it grew made the JVM unload code in a full collection (`Pause Full (CodeCache
# GC Threshold)`, 93 - 286 ms, three in each short make bench); uncapped, peak RSS 303 - 318 MiB either
# way in short runs, 362 MiB in a full make bench on a slow machine (README, Measured).
RUN_JVM_OPTS ?= -XX:+UseSerialGC -Xms128m -Xmx224m -XX:MaxMetaspaceSize=128m
export RUN_JVM_OPTS
CLASSPATH_FILE := launcher/target/classpath.txt
# The launcher as a jar, not target/classes: a JDK AOT cache takes no class path directory.
LAUNCHER_CP = launcher/target/launcher.jar:$$(cat $(CLASSPATH_FILE))
# JDK 25+: make run and make run-service start from a JDK AOT cache, written after each build by a training run
# (scripts/train-aot); where that could not run, by make run's first run (scripts/aot-options).
# (The JVM that writes it repeats the class path in one long stderr line, left out of make run's output.)
AOT_CACHE_FILE := target/ticketing.aot
SERVICE ?=
PORT ?=

.PHONY: run test build package run-service cluster bench bench-bus bench-nats bench-flood clean dead-letters replay-dead-letter chaos failover status

## run: build what is needed and start the whole marketplace on http://localhost:8080
run: build
	@JAVA_MAJOR=$(JAVA_MAJOR) scripts/train-aot $(JAVA) $(AOT_CACHE_FILE) "$(LAUNCHER_CP)"
	@$(JAVA) $(RUN_JVM_OPTS) $$(JAVA_MAJOR=$(JAVA_MAJOR) scripts/aot-options $(JAVA) $(AOT_CACHE_FILE) train) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.LauncherMain \
		2> >(trap '' INT; grep -v --line-buffered '^Picked up JAVA_TOOL_OPTIONS' >&2)

## test: run every test (unit, HTTP and integration against the real PostgreSQL and nats-server)
test:
	@scripts/test-infrastructure
	@JAVA_HOME=$$(scripts/find-jdk) mvn -B verify

## package: one executable jar per service and for web (services/<name>/target/<name>.jar, web/target/web.jar)
package: build
	@ls -1 services/*/target/{auth,tickets,orders,expiration,payments}.jar web/target/web.jar 2>/dev/null

## run-service SERVICE=<name> PORT=<port>: start one more replica of one service (several at once are fine)
run-service: build
	@if [ -z "$(SERVICE)" ]; then echo "usage: make run-service SERVICE=<auth|tickets|orders|expiration|payments|web> PORT=<port>"; exit 2; fi
	@JAVA_MAJOR=$(JAVA_MAJOR) scripts/train-aot $(JAVA) $(AOT_CACHE_FILE) "$(LAUNCHER_CP)"
	@PORT=$(PORT) $(JAVA) $(RUN_JVM_OPTS) $$(JAVA_MAJOR=$(JAVA_MAJOR) scripts/aot-options $(JAVA) $(AOT_CACHE_FILE) use) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.LauncherMain $(SERVICE)

## cluster: a 3-node NATS JetStream cluster, two replicas of every service (their jars) and web on :8080 over them
cluster: build
	@$(JAVA) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.ClusterMain

## dead-letters: list the events set aside in the dead-letter stream
dead-letters: build
	@$(JAVA) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.LauncherMain dead-letters

## status: each service's readiness, relay, outbox backlog, consumers and dead letters; exits 1 when something is stuck
status: build
	@$(JAVA) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.LauncherMain status

## replay-dead-letter SEQ=<n>: publish dead letter n again on its original subject
replay-dead-letter: build
	@$(JAVA) -cp "$(LAUNCHER_CP)" dev.ticketing.launcher.LauncherMain dead-letters replay $(SEQ)

## bench: the all-in-one marketplace under load beside the raw limits of its database, bus and hashing; one table (about 9 min, of which up to 3 warming the JIT up)
bench:
	@$(MVN) -DskipTests -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	@LOG_LEVEL=$${LOG_LEVEL:-WARN} $(JAVA) -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" dev.ticketing.benchmarks.BenchMain

## bench-bus: the outbox path (relay, stream, listener) and expiry timers, in-process
bench-bus:
	@$(MVN) -DskipTests -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	@$(JAVA) -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" dev.ticketing.benchmarks.BusBenchmark
	@$(JAVA) -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" dev.ticketing.benchmarks.ExpiryLatenessBenchmark

## bench-nats: nats-server's CPU per event sent one at a time (as the relays do) and all at once, on a private server (about a minute)
bench-nats:
	@$(MVN) -DskipTests -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	@$(JAVA) -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" dev.ticketing.benchmarks.NatsWakeUps

## bench-flood: order placement p99, idle and under a 200-connection sign-in flood (about a minute)
bench-flood:
	@$(MVN) -DskipTests -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
	@$(JAVA) -cp "benchmarks/target/classes:$$(cat benchmarks/target/classpath.txt)" dev.ticketing.benchmarks.SignInFloodBenchmark

## chaos: fault-injection suite on a private PostgreSQL and nats-server (SCENARIOS=all, quick or names; <= 10 min)
chaos: build
	@$(JAVA) -cp "chaos/target/classes:$$(cat chaos/target/classpath.txt)" dev.ticketing.chaos.ChaosMain $(or $(SCENARIOS),all)

# Only when a source or POM changed, and one build at a time: see scripts/build-if-stale.
## failover: kill -9 of the NATS stream leader and of one replica of every service, on a 3-node cluster (<= 5 min)
failover: build
	@$(JAVA) -cp "chaos/target/classes:$$(cat chaos/target/classpath.txt)" dev.ticketing.chaos.ChaosMain failover

build:
	@MVN="$(MVN)" scripts/build-if-stale

clean:
	@$(MVN) clean
