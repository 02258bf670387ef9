# syntax=docker/dockerfile:1
# Madoguchi: both SPAs and the service in one image.

FROM node:20-bookworm-slim AS spas
WORKDIR /src
COPY openapi ./openapi
COPY frontend-resident/package.json frontend-resident/package-lock.json ./frontend-resident/
COPY frontend-staff/package.json frontend-staff/package-lock.json ./frontend-staff/
RUN cd frontend-resident && npm ci --no-audit --no-fund \
 && cd ../frontend-staff && npm ci --no-audit --no-fund
COPY frontend-resident ./frontend-resident
COPY frontend-staff ./frontend-staff
RUN cd frontend-resident && npm run build && cd ../frontend-staff && npm run build

FROM rust:1.95-bookworm AS service
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p madoguchi

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/madoguchi --create-home madoguchi
WORKDIR /app
COPY --from=service /src/target/release/madoguchi /app/madoguchi
COPY --from=spas /src/frontend-resident/dist /app/frontend-resident/dist
COPY --from=spas /src/frontend-staff/dist /app/frontend-staff/dist
ENV MADOGUCHI_BIND=0.0.0.0:8080 \
    MADOGUCHI_DATA_DIR=/var/lib/madoguchi \
    MADOGUCHI_RESIDENT_DIST=/app/frontend-resident/dist \
    MADOGUCHI_STAFF_DIST=/app/frontend-staff/dist
USER madoguchi
VOLUME ["/var/lib/madoguchi"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/api/ready || exit 1
ENTRYPOINT ["/app/madoguchi"]
CMD ["serve"]
