"""The benchmark (``make bench``): not part of the site, never installed; see bench/README.md."""
