"""The REST API of background jobs (issue 17, build 1): the user's own jobs — status, progress,
result, error and the links to the job's page and to its result file.

A job is its creator's (``jobs.selectors.job_for_user``: a superuser sees every job); anyone
else's is a 404, as on the job's page. A job whose process is gone is marked interrupted on the
way (``jobs.services.job_mark_if_interrupted``), so that it reads as failed, not «выполняется»,
and its author repeats it with ``POST /jobs/{id}/retry/`` (``jobs.services.job_retry``, the
page's «Повторить»).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from nastavnik.core.api import KeysetPagination
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import get_kind
from nastavnik.jobs.selectors import job_can_retry, job_for_user, job_state
from nastavnik.jobs.services import job_mark_if_interrupted, job_retry


@extend_schema_serializer(description="Ход выполнения задания: выполнено, всего, процент и текущий шаг.")
class JobProgressSerializer(serializers.Serializer):
    """The progress bar of a job (``jobs.selectors.job_state``)."""

    done = serializers.IntegerField(help_text="Выполнено (единицы вида задания, например строки).")
    total = serializers.IntegerField(help_text="Всего; 0 — ещё неизвестно.")
    percent = serializers.IntegerField(help_text="Процент выполнения, 0–100.")
    message = serializers.CharField(help_text="Текущий шаг.")


@extend_schema_serializer(
    description="Фоновое задание: вид, состояние, ход выполнения, результат, ошибка, ссылки на страницу задания и файл-результат."
)
class JobSerializer(serializers.ModelSerializer):
    """A background job as its page shows it: the kind, the state, the progress, the result (JSON
    of the kind), the error in Russian, the page and the result file's download."""

    kind_label = serializers.SerializerMethodField(help_text="Вид задания.")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    finished = serializers.BooleanField(source="is_finished", read_only=True)
    progress = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField(
        help_text="Организация, для которой выполняется задание."
    )
    page_url = serializers.CharField(source="get_absolute_url", read_only=True)
    result_url = serializers.SerializerMethodField(
        help_text="Адрес скачивания файла-результата (когда задание выполнено и создаёт файл)."
    )
    result = serializers.JSONField(read_only=True, help_text="Результат (состав зависит от вида задания).")
    can_retry = serializers.SerializerMethodField(
        help_text="Можно ли повторить задание (своё, завершённое с ошибкой): POST …/retry/."
    )

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "status",
            "status_label",
            "finished",
            "progress",
            "result",
            "error",
            "input_name",
            "organization",
            "created_at",
            "started_at",
            "finished_at",
            "page_url",
            "result_url",
            "retry_of",
            "can_retry",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj) -> str:
        try:
            return get_kind(obj.kind).label
        except LookupError:
            return ""

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, obj) -> dict:
        state = job_state(obj)
        return {key: state[key] for key in ("done", "total", "percent", "message")}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organization(self, obj) -> str | None:
        return str(obj.organization) if obj.organization_id else None

    def get_can_retry(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request) and job_can_retry(obj, request.user)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_result_url(self, obj) -> str | None:
        if obj.status != JobStatus.SUCCEEDED:
            return None
        try:
            name = get_kind(obj.kind).result_url_name
            return reverse(name, args=[obj.pk]) if name else None
        except (LookupError, NoReverseMatch):
            return None


class NewestFirstPagination(KeysetPagination):
    """Keyset pages of jobs, the newest first."""

    ordering = "-id"


@extend_schema_view(
    list=extend_schema(
        summary="Фоновые задания",
        description="Задания пользователя (загрузки, пакеты документов, отчёты), сначала новые: состояние, ход выполнения, результат, ошибка и ссылка на файл-результат.",
    ),
    retrieve=extend_schema(
        summary="Фоновое задание",
        description="Состояние, ход выполнения, результат, ошибка и ссылки на страницу задания и файл-результат.",
    ),
)
@extend_schema(tags=["Фоновые задания"])
class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """The user's background jobs (``GET /jobs/``, newest first by id, ``GET /jobs/{id}/``):
    imports, document packages, reports. Not a scoped model: a job is seen by its creator only
    (and by a superuser), the rule of ``jobs.selectors.job_for_user``, which the detail calls."""

    permission_classes = [permissions.IsAuthenticated]
    pagination_class = NewestFirstPagination
    serializer_class = JobSerializer
    queryset = Job.objects.all()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        user = self.request.user
        jobs = Job.objects.select_related("organization")
        # the rule of ``job_for_user``: the creator's own, every job for a superuser
        return jobs if user.is_superuser else jobs.filter(created_by_id=user.pk)

    def get_object(self):
        job = job_for_user(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, job)
        return job

    @extend_schema(
        request=None,
        responses={201: JobSerializer},
        summary="Повторить задание",
        description="Повтор своего задания, завершённого с ошибкой; повторный запрос возвращает уже созданный повтор.",
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Repeat a failed job of the user's (``jobs.services.job_retry``): 201 with the repeat; a
        second request gives the same repeat. Another's job is a 404, a job that did not fail a
        Russian 400."""
        job = self.get_object()
        repeat = job_retry(job, user=request.user)
        return Response(self.get_serializer(repeat).data, status=status.HTTP_201_CREATED)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        for job in page or ():
            if not job.is_finished:
                job_mark_if_interrupted(job)
        return page


def register(router) -> None:
    """Register the jobs' viewset on the API ``router``: ``jobs``."""
    router.register("jobs", JobViewSet, basename="job")
