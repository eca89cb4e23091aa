"""Forms: declared fields that clean submitted data and render accessible HTML.

``forms`` holds ``Form``; ``fields`` and ``widgets`` the building blocks; ``boundfield`` what
a template sees of one field; ``errors`` the rendered error lists; ``formsets`` many forms on
one page; ``models``, ``modelfields`` and ``modelformsets`` the model-backed variants, with
``fieldmap`` choosing the form field for each model field and ``unique`` running unique
checks. Widget templates live in ``templates/heron/forms/`` and may be overridden by name.

A plain ``Form`` needs no database: ``import heron.forms`` does not load the ORM. The
model-backed names below are imported on first use (``forms.ModelForm``), which loads
``heron.db``; ``tests/forms/test_exports.py`` checks both.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .boundfield import BoundField as BoundField
from .boundfield import BoundWidget as BoundWidget
from .errors import ErrorDict as ErrorDict
from .errors import ErrorList as ErrorList
from .exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from .exceptions import MissingDependency as MissingDependency
from .exceptions import ValidationError as ValidationError
from .fields import BooleanField as BooleanField
from .fields import CharField as CharField
from .fields import ChoiceField as ChoiceField
from .fields import DateField as DateField
from .fields import DateTimeField as DateTimeField
from .fields import DecimalField as DecimalField
from .fields import DurationField as DurationField
from .fields import EmailField as EmailField
from .fields import Field as Field
from .fields import FileField as FileField
from .fields import FloatField as FloatField
from .fields import GenericIPAddressField as GenericIPAddressField
from .fields import ImageField as ImageField
from .fields import IntegerField as IntegerField
from .fields import JSONField as JSONField
from .fields import MultipleChoiceField as MultipleChoiceField
from .fields import MultiValueField as MultiValueField
from .fields import NullBooleanField as NullBooleanField
from .fields import RegexField as RegexField
from .fields import SlugField as SlugField
from .fields import SplitDateTimeField as SplitDateTimeField
from .fields import TimeField as TimeField
from .fields import TypedChoiceField as TypedChoiceField
from .fields import TypedMultipleChoiceField as TypedMultipleChoiceField
from .fields import URLField as URLField
from .fields import UUIDField as UUIDField
from .forms import BaseForm as BaseForm
from .forms import Form as Form
from .formsets import BaseFormSet as BaseFormSet
from .formsets import all_valid as all_valid
from .formsets import formset_factory as formset_factory
from .widgets import CheckboxInput as CheckboxInput
from .widgets import CheckboxSelectMultiple as CheckboxSelectMultiple
from .widgets import ClearableFileInput as ClearableFileInput
from .widgets import DateInput as DateInput
from .widgets import DateTimeInput as DateTimeInput
from .widgets import EmailInput as EmailInput
from .widgets import FileInput as FileInput
from .widgets import HiddenInput as HiddenInput
from .widgets import MultipleHiddenInput as MultipleHiddenInput
from .widgets import MultiWidget as MultiWidget
from .widgets import NullBooleanSelect as NullBooleanSelect
from .widgets import NumberInput as NumberInput
from .widgets import PasswordInput as PasswordInput
from .widgets import RadioSelect as RadioSelect
from .widgets import Select as Select
from .widgets import SelectMultiple as SelectMultiple
from .widgets import SplitDateTimeWidget as SplitDateTimeWidget
from .widgets import Textarea as Textarea
from .widgets import TextInput as TextInput
from .widgets import TimeInput as TimeInput
from .widgets import URLInput as URLInput
from .widgets import Widget as Widget

if TYPE_CHECKING:
    from .fieldmap import register_formfield as register_formfield
    from .modelfields import ModelChoiceField as ModelChoiceField
    from .modelfields import ModelMultipleChoiceField as ModelMultipleChoiceField
    from .modelformsets import BaseInlineFormSet as BaseInlineFormSet
    from .modelformsets import BaseModelFormSet as BaseModelFormSet
    from .modelformsets import inlineformset_factory as inlineformset_factory
    from .modelformsets import modelformset_factory as modelformset_factory
    from .models import ALL_FIELDS as ALL_FIELDS
    from .models import BaseModelForm as BaseModelForm
    from .models import ModelForm as ModelForm
    from .models import fields_for_model as fields_for_model
    from .models import model_to_dict as model_to_dict
    from .models import modelform_factory as modelform_factory

__all__ = [
    "ALL_FIELDS",
    "NON_FIELD_ERRORS",
    "BaseForm",
    "BaseFormSet",
    "BaseInlineFormSet",
    "BaseModelForm",
    "BaseModelFormSet",
    "BooleanField",
    "BoundField",
    "BoundWidget",
    "CharField",
    "CheckboxInput",
    "CheckboxSelectMultiple",
    "ChoiceField",
    "ClearableFileInput",
    "DateField",
    "DateInput",
    "DateTimeField",
    "DateTimeInput",
    "DecimalField",
    "DurationField",
    "EmailField",
    "EmailInput",
    "ErrorDict",
    "ErrorList",
    "Field",
    "FileField",
    "FileInput",
    "FloatField",
    "Form",
    "GenericIPAddressField",
    "HiddenInput",
    "ImageField",
    "IntegerField",
    "JSONField",
    "MissingDependency",
    "ModelChoiceField",
    "ModelForm",
    "ModelMultipleChoiceField",
    "MultiValueField",
    "MultiWidget",
    "MultipleChoiceField",
    "MultipleHiddenInput",
    "NullBooleanField",
    "NullBooleanSelect",
    "NumberInput",
    "PasswordInput",
    "RadioSelect",
    "RegexField",
    "Select",
    "SelectMultiple",
    "SlugField",
    "SplitDateTimeField",
    "SplitDateTimeWidget",
    "TextInput",
    "Textarea",
    "TimeField",
    "TimeInput",
    "TypedChoiceField",
    "TypedMultipleChoiceField",
    "URLField",
    "URLInput",
    "UUIDField",
    "ValidationError",
    "Widget",
    "all_valid",
    "fields_for_model",
    "formset_factory",
    "inlineformset_factory",
    "model_to_dict",
    "modelform_factory",
    "modelformset_factory",
    "register_formfield",
]

# Model-backed names and the module that holds each; they import heron.db, so they load lazily.
_MODEL_FORMS = {
    "register_formfield": "fieldmap",
    "ModelChoiceField": "modelfields",
    "ModelMultipleChoiceField": "modelfields",
    "BaseInlineFormSet": "modelformsets",
    "BaseModelFormSet": "modelformsets",
    "inlineformset_factory": "modelformsets",
    "modelformset_factory": "modelformsets",
    "ALL_FIELDS": "models",
    "BaseModelForm": "models",
    "ModelForm": "models",
    "fields_for_model": "models",
    "model_to_dict": "models",
    "modelform_factory": "models",
}


def __getattr__(name: str) -> Any:
    module = _MODEL_FORMS.get(name)
    if module is None:
        raise AttributeError(f"module 'heron.forms' has no attribute {name!r}")

    value = getattr(import_module(f"heron.forms.{module}"), name)
    globals()[name] = value
    return value
