from django.urls import path

from nastavnik.bank import views

app_name = "bank"
urlpatterns = [
    path("<int:pk>/confirm/", views.BankConfirmView.as_view(), name="confirm"),
]
