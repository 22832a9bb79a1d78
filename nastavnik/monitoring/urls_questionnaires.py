"""URLs of monitoring: questionnaires (included by monitoring.urls): the builder, the
respondent's «Мои анкеты» and answer form, the results."""

from django.urls import path

from nastavnik.monitoring import views_questionnaires as views

urlpatterns = [
    path("questionnaires/", views.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path("questionnaires/add/", views.QuestionnaireCreateView.as_view(), name="questionnaire_add"),
    path("questionnaires/<int:pk>/", views.QuestionnaireDetailView.as_view(), name="questionnaire_detail"),
    path("questionnaires/<int:pk>/edit/", views.QuestionnaireEditView.as_view(), name="questionnaire_edit"),
    path(
        "questionnaires/<int:pk>/preview/",
        views.QuestionnairePreviewView.as_view(),
        name="questionnaire_preview",
    ),
    path("questionnaires/<int:pk>/copy/", views.QuestionnaireCopyView.as_view(), name="questionnaire_copy"),
    path(
        "questionnaires/<int:pk>/active/",
        views.QuestionnaireActiveView.as_view(),
        name="questionnaire_active",
    ),
    path("questionnaires/<int:pk>/questions/add/", views.QuestionAddView.as_view(), name="question_add"),
    path("questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="question_edit"),
    path("questions/<int:pk>/delete/", views.QuestionDeleteView.as_view(), name="question_delete"),
    path("questions/<int:pk>/move/", views.QuestionMoveView.as_view(), name="question_move"),
    path(
        "questionnaires/<int:pk>/results/",
        views.QuestionnaireResultsView.as_view(),
        name="questionnaire_results",
    ),
    path(
        "questionnaires/<int:pk>/results/xlsx/",
        views.QuestionnaireResultsXlsxView.as_view(),
        name="questionnaire_results_xlsx",
    ),
    path(
        "questionnaires/<int:pk>/respondents/",
        views.QuestionnaireRespondentsView.as_view(),
        name="questionnaire_respondents",
    ),
    path("my/", views.MyQuestionnairesView.as_view(), name="my_questionnaires"),
    path("my/<int:pk>/", views.AnswerView.as_view(), name="answer"),
]
