"""A churn model served over HTTP: FastAPI + uvicorn, Prometheus metrics, a scikit-learn model trained at start.

POST /predict {"features": {"tenure": 0.3, ...}} -> {"churn_probability": p}; GET /health; GET /metrics.
FAULT_ERROR_RATE (0..1), the fault switch: that share of predictions answers 500.
"""
import os
import random
import time

import numpy as np
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from sklearn.linear_model import LogisticRegression

FEATURES = ["tenure", "monthly_usage", "support_calls"]
FAULT_ERROR_RATE = float(os.environ.get("FAULT_ERROR_RATE", "0"))

REQUESTS = Counter("churn_requests_total", "Requests by path and status code", ["path", "code"])
LATENCY = Histogram("churn_request_duration_seconds", "Request latency", ["path"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
PREDICTIONS = Histogram("churn_prediction_value", "Predicted churn probability",
                        buckets=tuple(i / 10 for i in range(1, 10)))

# A small, deterministic model: the same on every start, so two healthy versions predict alike.
rng = np.random.default_rng(7)
X = rng.standard_normal((2000, len(FEATURES)))
y = (X @ np.array([-1.2, 0.8, 1.5]) + rng.standard_normal(2000) * 0.5 > 0).astype(int)
MODEL = LogisticRegression().fit(X, y)

app = FastAPI()


@app.middleware("http")
async def measure(request: Request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    if request.url.path != "/metrics":
        LATENCY.labels(request.url.path).observe(time.perf_counter() - start)
        REQUESTS.labels(request.url.path, str(response.status_code)).inc()
    return response


@app.get("/health")
def health():
    return {"status": "healthy"}


@app.get("/metrics")
def metrics():
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@app.post("/predict")
async def predict(request: Request):
    body = await request.json()
    if random.random() < FAULT_ERROR_RATE:
        return JSONResponse({"error": "injected fault"}, status_code=500)
    features = body.get("features", {})
    row = np.array([[float(features.get(name, 0.0)) for name in FEATURES]])
    probability = float(MODEL.predict_proba(row)[0, 1])
    PREDICTIONS.observe(probability)
    return {"churn_probability": probability}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), log_level="warning")
