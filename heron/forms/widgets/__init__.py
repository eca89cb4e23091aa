"""Widgets: how a form field is drawn in HTML and read back from the request.

``base`` holds ``Widget`` and the single-value inputs, ``choices`` the select, radio and
checkbox groups, ``files`` the file inputs, ``multi`` the widgets made of several widgets.
"""

from .base import CheckboxInput as CheckboxInput
from .base import DateInput as DateInput
from .base import DateTimeInput as DateTimeInput
from .base import EmailInput as EmailInput
from .base import HiddenInput as HiddenInput
from .base import Input as Input
from .base import MultipleHiddenInput as MultipleHiddenInput
from .base import NumberInput as NumberInput
from .base import PasswordInput as PasswordInput
from .base import Textarea as Textarea
from .base import TextInput as TextInput
from .base import TimeInput as TimeInput
from .base import URLInput as URLInput
from .base import Widget as Widget
from .choices import CheckboxSelectMultiple as CheckboxSelectMultiple
from .choices import ChoiceWidget as ChoiceWidget
from .choices import NullBooleanSelect as NullBooleanSelect
from .choices import RadioSelect as RadioSelect
from .choices import Select as Select
from .choices import SelectMultiple as SelectMultiple
from .files import FILE_INPUT_CONTRADICTION as FILE_INPUT_CONTRADICTION
from .files import ClearableFileInput as ClearableFileInput
from .files import FileInput as FileInput
from .multi import MultiWidget as MultiWidget
from .multi import SplitDateTimeWidget as SplitDateTimeWidget

__all__ = [
    "FILE_INPUT_CONTRADICTION",
    "CheckboxInput",
    "CheckboxSelectMultiple",
    "ChoiceWidget",
    "ClearableFileInput",
    "DateInput",
    "DateTimeInput",
    "EmailInput",
    "FileInput",
    "HiddenInput",
    "Input",
    "MultiWidget",
    "MultipleHiddenInput",
    "NullBooleanSelect",
    "NumberInput",
    "PasswordInput",
    "RadioSelect",
    "Select",
    "SelectMultiple",
    "SplitDateTimeWidget",
    "TextInput",
    "Textarea",
    "TimeInput",
    "URLInput",
    "Widget",
]
