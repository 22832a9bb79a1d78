from django.urls import path

from nastavnik.people import employment_views, views

app_name = "people"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("add/", views.PersonCreateView.as_view(), name="add"),
    path("me/data/", views.MyDataView.as_view(), name="my_data"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="edit"),
    path("<int:pk>/employments/add/", employment_views.EmploymentAddView.as_view(), name="employment_add"),
    path("employments/<int:pk>/end/", employment_views.EmploymentEndView.as_view(), name="employment_end"),
]
