"""content/data/contact.yaml: how readers reach the programme; it feeds every call to action
(theme/templates/partials/call-to-action.html).

    phone: "+852 0000 0000"             # the enquiry line, as dialled from outside Hong Kong
    email: enquiry@example.org
    address: {en: ..., tc: ...}         # postal address; sc is generated from tc when absent
    hours: {en: ..., tc: ...}           # office hours

Placeholder values may be built and previewed; `make publish` refuses them (plugins/placeholders).
"""

import re
from typing import Annotated, Optional

from pydantic import AfterValidator, Field

from ..common.labels import in_language
from .schema import Strict, Text
from .text_rules import is_email_address


def _phone(value):
    if not re.fullmatch(r"\+?[0-9][0-9 ()-]{5,19}", value):
        raise ValueError(f"'{value}' is not a phone number (digits, spaces, + ( ) -), e.g. +852 2788 5678")
    return value


def _email(value):
    if not is_email_address(value):
        raise ValueError(f"'{value}' is not an e-mail address")
    return value


class InEachLanguage(Strict):
    en: Text
    tc: Text
    sc: Optional[Text] = None  # generated from tc when absent


class Contact(Strict):
    phone: Annotated[str, Field(min_length=1), AfterValidator(_phone)]
    email: Annotated[str, Field(min_length=1), AfterValidator(_email)]
    address: InEachLanguage
    hours: InEachLanguage

    @property
    def tel_href(self):
        """`tel:+85200000000`: the number without spaces or punctuation (RFC 3966 global number)."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)

    def address_in(self, lang):
        return in_language(self.address, lang)

    def hours_in(self, lang):
        return in_language(self.hours, lang)


