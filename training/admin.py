from django.contrib import admin

from .models import Certificate, Material, Module, Session


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "dimension", "format", "audience", "language"]
    list_filter = ["dimension", "format", "audience"]
    search_fields = ["title"]
    filter_horizontal = ["trainers"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "module"]
    raw_id_fields = ["event", "module"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "dimension", "audience", "language"]
    list_filter = ["kind", "dimension"]
    search_fields = ["title"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["holder_name", "programme", "code", "issued_at"]
    search_fields = ["code", "holder_name"]
    readonly_fields = ["code", "sessions", "issued_at"]
