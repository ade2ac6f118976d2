# ita-report serve in a container: the web editor and the HTTP render API on port 8080.
#   docker build -t ita-report .
#   docker run --rm -p 8080:8080 ita-report
# Everything (layout, fonts, dictionary, web page) is built into the binary: the running
# container needs no network and no files. Stateless: run as many replicas as needed behind a
# load balancer (about one per two cores; see README, "Web editor and HTTP API").

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# `ita-report --version` names this commit (scripts/dist passes it; there is no .git here).
ARG ITA_REPORT_COMMIT=unknown
ENV ITA_REPORT_COMMIT=$ITA_REPORT_COMMIT
# Only what the build reads (not target/ or node_modules/ of a work tree).
COPY Cargo.toml Cargo.lock build.rs ./
COPY crates ./crates
COPY src ./src
COPY layouts ./layouts
COPY fonts ./fonts
COPY dictionaries ./dictionaries
COPY samples ./samples
COPY schema ./schema
COPY web ./web
COPY tests ./tests
RUN cargo build --release --locked --bin ita-report

FROM debian:bookworm-slim
RUN useradd --system --no-create-home --shell /usr/sbin/nologin ita
COPY --from=build /src/target/release/ita-report /usr/local/bin/ita-report
USER ita
EXPOSE 8080
# Health: GET /healthz answers 200 "ok" (for the load balancer's checks).
# SIGTERM (docker stop) lets the requests under way finish.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/ita-report"]
CMD ["serve", "--bind", "0.0.0.0", "--port", "8080"]
