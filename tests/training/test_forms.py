"""The catalogue's and the library's filters say what their empty choice means."""

from training.forms import MaterialFilter, ModuleFilter
from training.models import Material, Module


def _empty_labels(filterset, names):
    return [dict(filterset.form.fields[name].choices)[""] for name in names]


def test_module_filters_offer_all_not_dashes(db):
    filters = ModuleFilter(data={}, queryset=Module.objects.none())

    assert _empty_labels(filters, ["dimension", "format", "audience", "language"]) == [
        "All dimensions",
        "All formats",
        "All audiences",
        "All languages",
    ]


def test_material_filters_offer_all_not_dashes(db):
    filters = MaterialFilter(data={}, queryset=Material.objects.none())

    assert _empty_labels(filters, ["kind", "dimension", "audience", "language"]) == [
        "All kinds",
        "All dimensions",
        "All audiences",
        "All languages",
    ]
