# linkup as a container: built in one stage, run in a small non-root one.
#   docker build -t linkup .
#   docker run -p 8080:8080 -v linkup-data:/var/lib/linkup -e TELOXIDE_TOKEN=... linkup
# See docs/deploy.md.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked && strip target/release/linkup

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/linkup --create-home --shell /usr/sbin/nologin linkup
# The words, flows and safety rules are read at start-up: a service edits these, not the binary.
WORKDIR /srv/linkup
COPY --from=build /src/target/release/linkup /usr/local/bin/linkup
COPY flows ./flows
COPY locales ./locales
USER linkup
# MALLOC_ARENA_MAX=2: glibc's allocator keeps fewer per-thread pools (docs/performance.md).
ENV LINKUP_DATABASE_URL=sqlite:///var/lib/linkup/linkup.db \
    LINKUP_DASHBOARD_LISTEN=0.0.0.0:8080 \
    MALLOC_ARENA_MAX=2
VOLUME /var/lib/linkup
EXPOSE 8080
CMD ["linkup", "serve"]
