"""The FastAPI application: routes, models, errors, middleware, metrics."""
