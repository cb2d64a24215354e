from django.contrib import admin

from collider.admin import ReadOnlyAdmin

from .models import Certificate, Material, Module, Session

# Read-only: modules, sessions (and their events), materials and certificates are written by
# services (trainer checks, enrolment rules, certificates from recorded attendance).


@admin.register(Module)
class ModuleAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "dimension", "format", "audience", "language"]
    list_filter = ["dimension", "format", "audience"]
    search_fields = ["title"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "module"]


@admin.register(Material)
class MaterialAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "kind", "dimension", "audience", "language"]
    list_filter = ["kind", "dimension"]
    search_fields = ["title"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["holder_name", "programme", "code", "issued_at"]
    search_fields = ["code", "holder_name"]
