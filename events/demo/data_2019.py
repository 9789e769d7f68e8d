"""The 2019 edition, kept in the archive. The report says only that NEU held it in 2019.

``Edition`` needs a date and the report gives none, so the date below is indicative, and the
description says so.
"""

import datetime

from events.models import Mode

from .data_2022 import NEU, NEU_ADDRESS_EN, NEU_ADDRESS_ZH

EDITION = {
    "year": 2019,
    "title_en": (
        "2019 International Conference on the Cooperation and Integration of Industry, "
        "Education, Research and Application"
    ),
    "title_zh_hans": "2019国际产学研用合作会议",
    "short_title_en": "Shenyang 2019",
    "short_title_zh_hans": "2019·沈阳",
    "theme_en": "",
    "theme_zh_hans": "",
    "description_en": (
        "<p>In 2019 Northeastern University (NEU) in Shenyang held the International "
        "Conference on the Cooperation and Integration of Industry, Education, Research and "
        "Application, the first of the conferences NEU has held. That year NEU began taking "
        "part in the special work of facilitating international industry-education-research-"
        "application cooperation; it held the conference again in 2022.</p>"
        "<p>This archive entry records the year of the conference: the date shown is "
        "indicative, and the program is not reproduced here.</p>"
    ),
    "description_zh_hans": (
        "<p>2019年，东北大学在沈阳举办国际产学研用合作会议，这是学校首次举办该会议。学校自"
        "2019年起参与国际产学研用合作专项工作，并于2022年再次举办该会议。</p>"
        "<p>本条目为2019年会议存档，仅记录举办年份，所示日期仅供参考，会议日程不在此收录。</p>"
    ),
    "start_date": datetime.date(2019, 11, 1),
    "end_date": datetime.date(2019, 11, 1),
    "time_zone": "Asia/Shanghai",
    "city_en": "Shenyang",
    "city_zh_hans": "沈阳",
    "venue_en": NEU,
    "venue_zh_hans": "东北大学",
    "address_en": NEU_ADDRESS_EN,
    "address_zh_hans": NEU_ADDRESS_ZH,
    "mode": Mode.ON_SITE,
    "registration_opens": None,
    "registration_closes": None,
    "is_published": True,
    "is_current": False,
    "participating_countries": [],
    "countries_count": None,
    "experts_count": None,
    "postgraduates_count": None,
    "on_site_capacity": None,
}
