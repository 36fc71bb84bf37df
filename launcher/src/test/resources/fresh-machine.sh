#!/usr/bin/env bash
# Runs inside a network namespace of its own (only loopback, nothing answering on 5432 or 4222):
# starts the launcher as `make run` does, waits for "running", asks for the current user through
# the front end and for each service's /ready (connected to the bus as its own user, consumers
# subscribed), then stops it with SIGTERM as Ctrl-C would.
set -u
ip link set lo up
"$JAVA" -cp "$CP" dev.ticketing.launcher.LauncherMain > launcher.out 2>&1 &
pid=$!
for _ in $(seq 1 360); do
  grep -q "Ticketing is running" launcher.out && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done

# Prints the status line of GET $2 on 127.0.0.1:$1, or nothing when the port does not answer.
status_of() {
  exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 0
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
  timeout 10 head -n 1 <&3 | tr -d '\r'
  exec 3>&-
}

if exec 3<>/dev/tcp/127.0.0.1/8080; then
  printf 'GET /api/users/currentuser HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  timeout 10 cat <&3 > response.txt
  exec 3>&-
fi
for port in 3001 3002 3003 3004 3005; do
  for _ in $(seq 1 60); do
    line=$(status_of "$port" /ready)
    [[ "$line" == *" 200"* ]] && break
    sleep 0.5
  done
  echo "$port $line" >> ready.txt
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
echo "launcher exit $?" >> launcher.out
