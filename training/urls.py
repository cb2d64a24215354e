"""URLs of the training app: programme pages under /p/<slug>/training/, one public page."""

from django.urls import path

from . import views

app_name = "training"

P = "p/<slug:slug>/training/"

urlpatterns = [
    path(P, views.module_list, name="module_list"),
    path(P + "modules/new/", views.module_create, name="module_create"),
    path(P + "modules/<int:pk>/", views.module_detail, name="module_detail"),
    path(P + "modules/<int:pk>/edit/", views.module_edit, name="module_edit"),
    path(P + "modules/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path(P + "sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path(P + "sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path(P + "sessions/<int:pk>/outputs/", views.output_add, name="output_add"),
    path(P + "sessions/<int:pk>/feedback/", views.feedback, name="feedback"),
    path(P + "outputs/<int:pk>/", views.output_file, name="output_file"),
    path(P + "library/", views.material_list, name="material_list"),
    path(P + "library/new/", views.material_create, name="material_create"),
    path(P + "library/<int:pk>/file/", views.material_file, name="material_file"),
    path(P + "library/<int:pk>/done/", views.material_done, name="material_done"),
    path(P + "my/", views.my_learning, name="my_learning"),
    path(P + "my/certificate/issue/", views.certificate_issue, name="certificate_issue"),
    path(P + "my/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/verify/", views.certificate_verify, name="certificate_verify"),
]
