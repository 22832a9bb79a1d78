"""Static data of the demo region: Khanty-Mansi Autonomous Okrug – Yugra.

The 22 municipal formations are the real ones (Закон ХМАО – Югры от 25.11.2004 № 63-оз
«О статусе и границах муниципальных образований Ханты-Мансийского автономного округа –
Югры»), named in the style of their charters. Settlements, postal codes, telephone codes
and the codes of tax inspections (the first four digits of an ИНН) are real or close to
real; the organizations, their ИНН, addresses and staff are invented.

E-mail addresses use the reserved top-level domain ``.example`` (RFC 2606) so that a demo
installation with working mail never writes to real people.
"""

from __future__ import annotations

from dataclasses import dataclass

REGION_FULL_NAME = "Ханты-Мансийский автономный округ – Югра"
REGION_SHORT_NAME = "ХМАО – Югра"
REGION_GENITIVE = "Ханты-Мансийского автономного округа – Югры"
FEDERAL_NAME = "Российская Федерация"

#: Domain of every demo e-mail; demo user accounts are recognised by it (for ``--reset``).
MAIL_DOMAIN = "edu.example"
DEMO_USER_MAIL_DOMAIN = "demo.nastavnik.example"


@dataclass(frozen=True)
class Settlement:
    """A town or village: how it is written in an address, its postal code range, phone code."""

    name: str  # «г. Лянтор», «пгт Игрим», «с. Казым»
    postcodes: tuple[int, int]  # first and last postal code of the settlement
    phone_code: str  # telephone area code without the leading 8

    @property
    def is_town(self) -> bool:
        return self.name.startswith(("г. ", "пгт "))


@dataclass(frozen=True)
class Municipality:
    """A municipal formation of the okrug (a city okrug or a municipal district)."""

    name: str  # «Сургут» or «Сургутский»
    is_city: bool
    population: int  # thousands of residents, rounded (Росстат, 2024)
    tax_code: str  # first four digits of ИНН issued by the local tax inspection
    slug: str  # Latin, for e-mail domains
    authority: str  # the municipal education authority (МОУО)
    settlements: tuple[Settlement, ...]  # the first is the administrative centre
    authority_seat: Settlement | None = None  # where the МОУО sits, when outside the district

    @property
    def short_name(self) -> str:
        return f"г. {self.name}" if self.is_city else f"{self.name} район"

    @property
    def full_name(self) -> str:
        if self.is_city:
            return f"городской округ {self.name} {REGION_GENITIVE}"
        return f"{self.name} муниципальный район {REGION_GENITIVE}"


def _city(name: str, postcodes: tuple[int, int], phone: str) -> Settlement:
    return Settlement(f"г. {name}", postcodes, phone)


KHANTY_MANSIYSK = _city("Ханты-Мансийск", (628001, 628012), "3467")
SURGUT = _city("Сургут", (628400, 628418), "3462")
NIZHNEVARTOVSK = _city("Нижневартовск", (628600, 628624), "3466")
NEFTEYUGANSK = _city("Нефтеюганск", (628301, 628311), "3463")

MUNICIPALITIES: tuple[Municipality, ...] = (
    Municipality(
        "Ханты-Мансийск",
        True,
        111,
        "8601",
        "khanty-mansiysk",
        "Департамент образования Администрации города Ханты-Мансийска",
        (KHANTY_MANSIYSK,),
    ),
    Municipality(
        "Когалым",
        True,
        60,
        "8608",
        "kogalym",
        "Управление образования Администрации города Когалыма",
        (_city("Когалым", (628481, 628486), "34667"),),
    ),
    Municipality(
        "Лангепас",
        True,
        43,
        "8607",
        "langepas",
        "Управление образования администрации города Лангепаса",
        (_city("Лангепас", (628671, 628672), "34669"),),
    ),
    Municipality(
        "Мегион",
        True,
        55,
        "8605",
        "megion",
        "Департамент образования администрации города Мегиона",
        (_city("Мегион", (628680, 628685), "34643"), Settlement("пгт Высокий", (628690, 628690), "34643")),
    ),
    Municipality(
        "Нефтеюганск",
        True,
        128,
        "8604",
        "nefteyugansk",
        "Департамент образования администрации города Нефтеюганска",
        (NEFTEYUGANSK,),
    ),
    Municipality(
        "Нижневартовск",
        True,
        287,
        "8603",
        "nizhnevartovsk",
        "Департамент образования администрации города Нижневартовска",
        (NIZHNEVARTOVSK,),
    ),
    Municipality(
        "Нягань",
        True,
        57,
        "8610",
        "nyagan",
        "Комитет образования и науки Администрации города Нягани",
        (_city("Нягань", (628181, 628187), "34672"),),
    ),
    Municipality(
        "Покачи",
        True,
        17,
        "8621",
        "pokachi",
        "Управление образования администрации города Покачи",
        (_city("Покачи", (628661, 628661), "34669"),),
    ),
    Municipality(
        "Пыть-Ях",
        True,
        39,
        "8612",
        "pyt-yakh",
        "Управление по образованию администрации города Пыть-Яха",
        (_city("Пыть-Ях", (628380, 628386), "3463"),),
    ),
    Municipality(
        "Радужный",
        True,
        43,
        "8609",
        "raduzhny",
        "Управление образования администрации города Радужный",
        (_city("Радужный", (628461, 628464), "34668"),),
    ),
    Municipality(
        "Сургут",
        True,
        405,
        "8602",
        "surgut",
        "Департамент образования Администрации города Сургута",
        (SURGUT,),
    ),
    Municipality(
        "Урай",
        True,
        40,
        "8606",
        "uray",
        "Управление образования администрации города Урай",
        (_city("Урай", (628284, 628285), "34676"),),
    ),
    Municipality(
        "Югорск",
        True,
        38,
        "8622",
        "yugorsk",
        "Управление образования администрации города Югорска",
        (_city("Югорск", (628260, 628263), "34675"),),
    ),
    Municipality(
        "Белоярский",
        False,
        28,
        "8611",
        "beloyarsky",
        "Комитет по образованию администрации Белоярского района",
        (
            Settlement("г. Белоярский", (628161, 628163), "34670"),
            Settlement("с. Казым", (628174, 628174), "34670"),
            Settlement("п. Сосновка", (628169, 628169), "34670"),
            Settlement("с. Полноват", (628170, 628170), "34670"),
            Settlement("п. Лыхма", (628171, 628171), "34670"),
            Settlement("п. Верхнеказымский", (628172, 628172), "34670"),
        ),
    ),
    Municipality(
        "Берёзовский",
        False,
        22,
        "8613",
        "berezovsky",
        "Комитет образования администрации Берёзовского района",
        (
            Settlement("пгт Берёзово", (628140, 628140), "34674"),
            Settlement("пгт Игрим", (628146, 628146), "34674"),
            Settlement("с. Саранпауль", (628148, 628148), "34674"),
            Settlement("п. Светлый", (628147, 628147), "34674"),
            Settlement("п. Приполярный", (628149, 628149), "34674"),
            Settlement("с. Теги", (628143, 628143), "34674"),
        ),
    ),
    Municipality(
        "Кондинский",
        False,
        30,
        "8616",
        "kondinsky",
        "Управление образования администрации Кондинского района",
        (
            Settlement("пгт Междуреченский", (628200, 628200), "34677"),
            Settlement("пгт Кондинское", (628210, 628210), "34677"),
            Settlement("пгт Мортка", (628206, 628206), "34677"),
            Settlement("пгт Луговой", (628214, 628214), "34677"),
            Settlement("пгт Куминский", (628207, 628207), "34677"),
            Settlement("с. Болчары", (628212, 628212), "34677"),
        ),
    ),
    Municipality(
        "Нефтеюганский",
        False,
        45,
        "8619",
        "nefteyugansky",
        "Департамент образования Нефтеюганского района",
        (
            Settlement("пгт Пойковский", (628331, 628332), "3463"),
            Settlement("п. Салым", (628327, 628327), "3463"),
            Settlement("п. Сингапай", (628320, 628320), "3463"),
            Settlement("п. Каркатеевы", (628323, 628323), "3463"),
            Settlement("п. Куть-Ях", (628325, 628325), "3463"),
            Settlement("с. Чеускино", (628326, 628326), "3463"),
        ),
        NEFTEYUGANSK,
    ),
    Municipality(
        "Нижневартовский",
        False,
        35,
        "8620",
        "nizhnevartovsky",
        "Управление образования администрации Нижневартовского района",
        (
            Settlement("пгт Излучинск", (628634, 628634), "3466"),
            Settlement("пгт Новоаганск", (628647, 628647), "34668"),
            Settlement("с. Ларьяк", (628650, 628650), "3466"),
            Settlement("п. Ваховск", (628656, 628656), "3466"),
            Settlement("с. Покур", (628637, 628637), "3466"),
        ),
        NIZHNEVARTOVSK,
    ),
    Municipality(
        "Октябрьский",
        False,
        26,
        "8614",
        "oktyabrsky",
        "Управление образования администрации Октябрьского района",
        (
            Settlement("пгт Октябрьское", (628100, 628100), "34678"),
            Settlement("пгт Андра", (628125, 628125), "34678"),
            Settlement("пгт Приобье", (628126, 628126), "34678"),
            Settlement("пгт Талинка", (628195, 628195), "34672"),
            Settlement("п. Унъюган", (628128, 628128), "34672"),
            Settlement("с. Перегрёбное", (628109, 628109), "34678"),
        ),
    ),
    Municipality(
        "Советский",
        False,
        45,
        "8615",
        "sovetsky",
        "Управление образования администрации Советского района",
        (
            Settlement("г. Советский", (628240, 628242), "34675"),
            Settlement("пгт Пионерский", (628250, 628250), "34675"),
            Settlement("пгт Таёжный", (628259, 628259), "34675"),
            Settlement("пгт Коммунистический", (628254, 628254), "34675"),
            Settlement("пгт Агириш", (628245, 628245), "34675"),
            Settlement("пгт Малиновский", (628244, 628244), "34675"),
            Settlement("пгт Зеленоборск", (628256, 628256), "34675"),
        ),
    ),
    Municipality(
        "Сургутский",
        False,
        127,
        "8617",
        "surgutsky",
        "Департамент образования администрации Сургутского района",
        (
            Settlement("г. Лянтор", (628449, 628449), "34638"),
            Settlement("пгт Фёдоровский", (628456, 628456), "3462"),
            Settlement("пгт Белый Яр", (628433, 628433), "3462"),
            Settlement("пгт Барсово", (628450, 628450), "3462"),
            Settlement("пгт Нижнесортымский", (628447, 628447), "34638"),
            Settlement("п. Солнечный", (628452, 628452), "3462"),
            Settlement("с. Угут", (628458, 628458), "3462"),
            Settlement("с. Локосово", (628430, 628430), "3462"),
        ),
        SURGUT,
    ),
    Municipality(
        "Ханты-Мансийский",
        False,
        19,
        "8618",
        "khmrn",
        "Комитет по образованию администрации Ханты-Мансийского района",
        (
            Settlement("п. Горноправдинск", (628520, 628520), "3467"),
            Settlement("с. Селиярово", (628535, 628535), "3467"),
            Settlement("п. Луговской", (628532, 628532), "3467"),
            Settlement("с. Цингалы", (628515, 628515), "3467"),
            Settlement("п. Кедровый", (628544, 628544), "3467"),
            Settlement("с. Нялинское", (628504, 628504), "3467"),
        ),
        KHANTY_MANSIYSK,
    ),
)

#: Streets found in almost every town of Yugra; used to build addresses.
STREETS = (
    "ул. Ленина",
    "ул. Мира",
    "ул. Молодёжная",
    "ул. Советская",
    "ул. Школьная",
    "ул. Центральная",
    "ул. Набережная",
    "ул. Комсомольская",
    "ул. Строителей",
    "ул. Нефтяников",
    "ул. Энергетиков",
    "ул. Геологов",
    "ул. Первопроходцев",
    "ул. Дружбы Народов",
    "ул. Садовая",
    "ул. Северная",
    "ул. Гагарина",
    "ул. Спортивная",
    "ул. Лесная",
    "ул. Пионерская",
    "ул. Октябрьская",
    "ул. Студенческая",
    "ул. 50 лет ВЛКСМ",
    "ул. Югорская",
)

#: Mobile operator codes in use in the okrug.
MOBILE_CODES = ("902", "904", "908", "912", "922", "932", "950", "951", "982", "992", "996")

KINDERGARTEN_NAMES = (
    "Солнышко",
    "Ромашка",
    "Берёзка",
    "Золотой ключик",
    "Сказка",
    "Теремок",
    "Колокольчик",
    "Радуга",
    "Белочка",
    "Родничок",
    "Снежинка",
    "Северяночка",
    "Журавлик",
    "Капелька",
    "Рябинка",
    "Семицветик",
    "Улыбка",
    "Медвежонок",
    "Светлячок",
    "Аленький цветочек",
    "Росинка",
    "Кораблик",
    "Золотая рыбка",
    "Буратино",
    "Незабудка",
    "Умка",
    "Югорка",
    "Жемчужинка",
    "Лесная сказка",
    "Василёк",
    "Ласточка",
    "Огонёк",
    "Дюймовочка",
    "Звёздочка",
    "Брусничка",
    "Морошка",
    "Сибирячок",
    "Кедровичок",
    "Мишутка",
    "Гнёздышко",
)


@dataclass(frozen=True)
class SupplementaryType:
    """A kind of supplementary-education organization; ``arts`` ones are staffed by «преподаватели»."""

    name: str
    slug: str
    arts: bool = False


#: In the order a municipality gets them: the first for every municipality, more for larger ones.
SUPPLEMENTARY_TYPES = (
    SupplementaryType("Дом детского творчества", "ddt"),
    SupplementaryType("Детская школа искусств", "dshi", arts=True),
    SupplementaryType("Центр детского творчества", "cdt"),
    SupplementaryType("Станция юных техников", "syut"),
    SupplementaryType("Детско-юношеский центр", "dyuc"),
    SupplementaryType("Детская художественная школа", "dhsh", arts=True),
    SupplementaryType("Эколого-биологический центр", "ebc"),
    SupplementaryType("Детская музыкальная школа", "dmsh", arts=True),
    SupplementaryType("Центр дополнительного образования", "cdo"),
)


@dataclass(frozen=True)
class RegionalOrganization:
    """An organization of regional (or federal) subordination located in the okrug."""

    kind: str  # OrganizationKind value
    full_name: str
    short_name: str
    town: str  # the municipality where it is located (``Municipality.name``)
    slug: str
    key: str = ""  # how the loader refers to it («regional_operator», «cnppm»)


_BU_SPO = f"Бюджетное учреждение профессионального образования {REGION_GENITIVE}"


def _college(name: str, town: str, slug: str) -> RegionalOrganization:
    return RegionalOrganization("college", f"{_BU_SPO} «{name}»", f"БУ «{name}»", town, slug)


REGIONAL_ORGANIZATIONS: tuple[RegionalOrganization, ...] = (
    RegionalOrganization(
        "education_authority",
        f"Департамент образования и науки {REGION_GENITIVE}",
        "Департамент образования и науки ХМАО – Югры",
        "Ханты-Мансийск",
        "depobr",
        key="department",
    ),
    # Named regional operator in seed 000 (приказ, п. 2).
    RegionalOrganization(
        "regional_operator",
        "Автономное учреждение дополнительного профессионального образования "
        f"{REGION_GENITIVE} «Институт развития образования»",
        "АУ «Институт развития образования»",
        "Ханты-Мансийск",
        "iro",
        key="regional_operator",
    ),
    RegionalOrganization(
        "cnppm",
        "Центр непрерывного повышения профессионального мастерства педагогических работников "
        f"{REGION_GENITIVE}",
        "ЦНППМ Югры",
        "Сургут",
        "cnppm",
        key="cnppm",
    ),
    _college("Сургутский политехнический колледж", "Сургут", "spk"),
    _college("Сургутский колледж русской культуры им. А. С. Знаменского", "Сургут", "skrk"),
    _college("Нижневартовский социально-гуманитарный колледж", "Нижневартовск", "nsgk"),
    _college("Нижневартовский политехнический колледж", "Нижневартовск", "npk"),
    _college("Ханты-Мансийский технолого-педагогический колледж", "Ханты-Мансийск", "hmtpk"),
    _college("Нефтеюганский политехнический колледж", "Нефтеюганск", "nefpk"),
    _college("Когалымский политехнический колледж", "Когалым", "kpk"),
    _college("Мегионский политехнический колледж", "Мегион", "mpk"),
    _college("Няганский технологический колледж", "Нягань", "ntk"),
    _college("Лангепасский политехнический колледж", "Лангепас", "lpk"),
    _college("Радужнинский политехнический колледж", "Радужный", "rpk"),
    _college("Урайский политехнический колледж", "Урай", "upk"),
    _college("Югорский политехнический колледж", "Югорск", "yupk"),
    _college("Белоярский политехнический колледж", "Белоярский", "bpk"),
    _college("Советский политехнический колледж", "Советский", "sovpk"),
    _college("Октябрьский политехнический колледж", "Октябрьский", "opk"),
    RegionalOrganization(
        "university",
        f"Бюджетное учреждение высшего образования {REGION_GENITIVE} "
        "«Сургутский государственный педагогический университет»",
        "БУ ВО «Сургутский государственный педагогический университет»",
        "Сургут",
        "surgpu",
    ),
    RegionalOrganization(
        "university",
        "Федеральное государственное бюджетное образовательное учреждение высшего образования "
        "«Нижневартовский государственный университет»",
        "ФГБОУ ВО «Нижневартовский государственный университет»",
        "Нижневартовск",
        "nvsu",
    ),
    RegionalOrganization(
        "partner",
        f"Бюджетное учреждение {REGION_GENITIVE} «Государственная библиотека Югры»",
        "БУ «Государственная библиотека Югры»",
        "Ханты-Мансийск",
        "library",
    ),
    RegionalOrganization(
        "partner",
        f"Бюджетное учреждение {REGION_GENITIVE} «Музей Природы и Человека»",
        "БУ «Музей Природы и Человека»",
        "Ханты-Мансийск",
        "museum",
    ),
    RegionalOrganization(
        "partner",
        f"Автономное учреждение {REGION_GENITIVE} «Региональный молодёжный центр»",
        "АУ «Региональный молодёжный центр»",
        "Ханты-Мансийск",
        "rmc",
    ),
    RegionalOrganization(
        "partner",
        "Общество с ограниченной ответственностью «Северная энергосервисная компания»",
        "ООО «Северная энергосервисная компания»",
        "Сургут",
        "sever-energo",
    ),
)

# First names common among teachers born 1960–2003: (name, weight if born before 1985, after).
# Faker's ru_RU first-name lists give rare archaic names («Евпраксия», «Аггей») as often
# as «Елена», so first names and patronymics come from these lists; surnames from Faker.
FEMALE_FIRST_NAMES: tuple[tuple[str, float, float], ...] = (
    ("Елена", 10, 4),
    ("Ольга", 8, 3),
    ("Наталья", 9, 2),
    ("Татьяна", 8, 2),
    ("Ирина", 8, 2),
    ("Светлана", 7, 1),
    ("Юлия", 4, 5),
    ("Анна", 3, 7),
    ("Екатерина", 3, 7),
    ("Марина", 5, 2),
    ("Людмила", 4, 0.1),
    ("Галина", 3, 0.1),
    ("Надежда", 3, 1),
    ("Оксана", 4, 1),
    ("Анастасия", 0.5, 8),
    ("Мария", 1, 6),
    ("Виктория", 1, 5),
    ("Евгения", 2, 2),
    ("Алёна", 1, 3),
    ("Ксения", 0.5, 5),
    ("Дарья", 0.3, 6),
    ("Валентина", 2, 0.2),
    ("Любовь", 3, 0.5),
    ("Лариса", 3, 0.2),
    ("Нина", 2, 0.2),
    ("Вера", 1, 1),
    ("Алина", 0.2, 5),
    ("Кристина", 0.2, 4),
    ("Полина", 0.2, 4),
    ("Олеся", 1, 2),
    ("Жанна", 1, 0.3),
    ("Инна", 2, 0.3),
    ("Валерия", 0.2, 3),
    ("Елизавета", 0.2, 3),
    ("Гульнара", 1, 0.5),
    ("Альбина", 1, 0.5),
    ("Эльвира", 1, 0.5),
    ("Лилия", 1, 1),
    ("Яна", 0.5, 2),
    ("Диана", 0.2, 2),
)

MALE_FIRST_NAMES: tuple[tuple[str, float, float], ...] = (
    ("Александр", 8, 8),
    ("Сергей", 9, 3),
    ("Андрей", 6, 4),
    ("Алексей", 6, 5),
    ("Дмитрий", 5, 7),
    ("Владимир", 6, 1),
    ("Евгений", 4, 3),
    ("Николай", 4, 1),
    ("Игорь", 4, 1),
    ("Михаил", 3, 4),
    ("Иван", 2, 5),
    ("Юрий", 4, 0.5),
    ("Максим", 1, 6),
    ("Павел", 3, 3),
    ("Виктор", 4, 0.5),
    ("Олег", 4, 1),
    ("Константин", 2, 3),
    ("Роман", 2, 3),
    ("Артём", 0.3, 5),
    ("Денис", 1, 4),
    ("Антон", 1, 3),
    ("Илья", 0.5, 4),
    ("Вадим", 2, 1),
    ("Василий", 2, 0.5),
    ("Никита", 0.2, 4),
    ("Руслан", 1, 2),
    ("Вячеслав", 2, 1),
    ("Кирилл", 0.3, 3),
    ("Егор", 0.2, 3),
)

#: Patronymics: (male form, female form, weight).
PATRONYMICS: tuple[tuple[str, str, float], ...] = (
    ("Александрович", "Александровна", 10),
    ("Сергеевич", "Сергеевна", 9),
    ("Владимирович", "Владимировна", 9),
    ("Николаевич", "Николаевна", 8),
    ("Викторович", "Викторовна", 6),
    ("Юрьевич", "Юрьевна", 6),
    ("Анатольевич", "Анатольевна", 5),
    ("Иванович", "Ивановна", 5),
    ("Михайлович", "Михайловна", 5),
    ("Петрович", "Петровна", 4),
    ("Васильевич", "Васильевна", 4),
    ("Геннадьевич", "Геннадьевна", 4),
    ("Валерьевич", "Валерьевна", 4),
    ("Андреевич", "Андреевна", 5),
    ("Алексеевич", "Алексеевна", 5),
    ("Игоревич", "Игоревна", 4),
    ("Олегович", "Олеговна", 4),
    ("Евгеньевич", "Евгеньевна", 4),
    ("Борисович", "Борисовна", 3),
    ("Дмитриевич", "Дмитриевна", 4),
    ("Фёдорович", "Фёдоровна", 2),
    ("Григорьевич", "Григорьевна", 2),
    ("Леонидович", "Леонидовна", 2),
    ("Павлович", "Павловна", 3),
    ("Вячеславович", "Вячеславовна", 2),
    ("Валентинович", "Валентиновна", 2),
    ("Владиславович", "Владиславовна", 1),
    ("Станиславович", "Станиславовна", 1),
    ("Константинович", "Константиновна", 2),
    ("Аркадьевич", "Аркадьевна", 1),
    ("Степанович", "Степановна", 1),
    ("Георгиевич", "Георгиевна", 1),
    ("Романович", "Романовна", 1),
    ("Вадимович", "Вадимовна", 1),
    ("Эдуардович", "Эдуардовна", 1),
    ("Рашидович", "Рашидовна", 0.5),
    ("Ринатович", "Ринатовна", 0.5),
)
