"""The demo conference ``manage.py load_demo`` creates: NEU's 2019 and 2022 editions.

The facts come from NEU's news report on the 2022 conference (reproduced in ``news.py``);
speakers and session times, which the report does not give, are marked as sample entries.
"""
