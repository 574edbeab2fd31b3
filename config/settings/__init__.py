"""Settings modules: ``base`` (shared), ``local`` (zero-setup default),
``production`` (``check --deploy`` clean) and ``test`` (faster tests only)."""
