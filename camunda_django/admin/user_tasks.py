"""Admin pages for user tasks, live from the cluster: list, detail, assign, unassign, complete.

Reading needs ``camunda_django.view_usertask``; assigning and unassigning
``camunda_django.assign_usertask``; completing ``camunda_django.complete_usertask``.
A completion is parsed with the task's linked form first; a submission that does not fit
re-renders the page with the errors and sends nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from camunda_core import CamundaError, NotFoundError
from camunda_core.models.user_tasks import UserTask as ClusterUserTask
from camunda_core.models.user_tasks import UserTaskState
from camunda_core.taskforms import FormSpec, SubmissionError
from camunda_django.admin import task_forms
from camunda_django.admin.live import LiveClusterAdmin
from camunda_django.admin.paging import CursorPage, page_request
from camunda_django.models import UserTask

__all__ = ["UserTaskAdmin"]

#: Query-string filters of the list: parameter -> field of the user-task search.
FILTERS = {
    "state": "state",
    "assignee": "assignee",
    "candidate_group": "candidateGroup",
    "process": "processDefinitionId",
}
STATES = [state.value for state in UserTaskState]
_VARIABLES_SHOWN = 200


class UserTaskAdmin(LiveClusterAdmin):
    """The "User tasks" pages of the Camunda section."""

    pages = (
        ("", "list_view", "changelist", False),
        ("<str:object_id>/change/", "detail_view", "change", False),
        ("<str:object_id>/assign/", "assign_view", "assign", True),
        ("<str:object_id>/unassign/", "unassign_view", "unassign", True),
        ("<str:object_id>/complete/", "complete_view", "complete", True),
    )

    # --- reading ------------------------------------------------------------------------------
    def list_view(self, request: HttpRequest) -> HttpResponse:
        """Tasks matching the filters (open ones unless asked), newest first, one cursor page at
        a time."""
        self.require(request, "view")
        filters = {key: request.GET.get(key, "").strip() for key in FILTERS}
        if "state" not in request.GET:
            filters["state"] = UserTaskState.CREATED.value
        if filters["state"] not in ("", *STATES):
            filters["state"] = ""
        search = {FILTERS[key]: value for key, value in filters.items() if value}
        page, error = None, None
        try:
            result = self.client().search_user_tasks(
                search, sort=["-creationDate"], page=page_request(request)
            )
            page = CursorPage.of(request, result)
        except CamundaError as failure:
            error = str(failure)
        return self.render(
            request,
            "camunda_django/admin/user_task_list.html",
            {
                "title": "User tasks",
                "page": page,
                "error": error,
                "filters": filters,
                "states": STATES,
                "me": request.user.get_username(),
            },
        )

    def detail_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One task: its properties, variables, and the completion form."""
        self.require(request, "view")
        task = self._task(object_id)
        variables, truncated = self._variables(object_id)
        spec = self._form_spec(object_id, task, variables)
        return self._detail(request, task, variables, truncated, task_forms.build_task_form(spec))

    # --- acting ---------------------------------------------------------------------------------
    def assign_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Assign the task to the current user."""
        self.require(request, "assign")
        assignee = request.user.get_username()
        try:
            self.client().assign_user_task(object_id, assignee)
        except CamundaError as error:
            self.cluster_failed(request, error)
        else:
            self.log(request, self._logged(request, object_id), f"Assigned to {assignee}")
            messages.success(request, f"The task is now assigned to {assignee}.")
        return self._back_to_detail(object_id)

    def unassign_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Remove the task's assignee."""
        self.require(request, "assign")
        try:
            self.client().unassign_user_task(object_id)
        except CamundaError as error:
            self.cluster_failed(request, error)
        else:
            self.log(request, self._logged(request, object_id), "Unassigned")
            messages.success(request, "The task has no assignee now.")
        return self._back_to_detail(object_id)

    def complete_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Complete the task with the variables of its form; a bad submission sends nothing."""
        self.require(request, "complete")
        task = self._task(object_id)
        variables, truncated = self._variables(object_id)
        spec = self._form_spec(object_id, task, variables)
        try:
            submitted = task_forms.parse(spec, request.POST)
        except SubmissionError as invalid:
            form = task_forms.build_task_form(spec, request.POST, invalid.errors)
            messages.error(request, "The task was not completed: correct the fields below.")
            return self._detail(request, task, variables, truncated, form, status=400)
        try:
            self.client().complete_user_task(object_id, variables=submitted or None)
        except CamundaError as error:
            self.cluster_failed(request, error)
            return self._back_to_detail(object_id)
        names = ", ".join(sorted(submitted)) or "no variables"
        self.log(request, UserTask(key=object_id, name=task.name or ""), f"Completed ({names})")
        messages.success(request, f"Completed the task {task.name or object_id}.")
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:camunda_django_usertask_changelist")
        )

    # --- helpers ----------------------------------------------------------------------------------
    def _task(self, key: str) -> ClusterUserTask:
        try:
            return self.client().get_user_task(key)
        except NotFoundError:
            raise Http404(f"No user task {key} in the cluster.") from None
        except ValueError:  # not a key: refused before sending
            raise Http404("Not a user-task key.") from None

    def _variables(self, key: str) -> tuple[dict[str, Any], list[str]]:
        """The task's effective variables (innermost scope wins) and the truncated ones."""
        result = self.client().search_user_task_effective_variables(
            key, page={"from": 0, "limit": _VARIABLES_SHOWN}
        )
        values: dict[str, Any] = {}
        truncated: list[str] = []
        for variable in result.items:
            if variable.is_truncated:
                truncated.append(variable.name)
                values[variable.name] = variable.value + "…"
            else:
                values[variable.name] = variable.json_value()
        return values, truncated

    def _form_spec(self, key: str, task: ClusterUserTask, variables: dict[str, Any]) -> FormSpec:
        form = self.client().get_user_task_form(key) if task.form_key else None
        return task_forms.spec_for(form.parse_schema() if form else None, variables)

    def _detail(
        self,
        request: HttpRequest,
        task: ClusterUserTask,
        variables: dict[str, Any],
        truncated: list[str],
        form: task_forms.TaskForm,
        status: int = 200,
    ) -> HttpResponse:
        shown = [
            (name, json.dumps(value, indent=2, ensure_ascii=False, default=str), name in truncated)
            for name, value in sorted(variables.items())
        ]
        user = request.user
        return self.render(
            request,
            "camunda_django/admin/user_task_detail.html",
            {
                "title": task.name or f"User task {task.user_task_key}",
                "task": task,
                "variables": shown,
                "form": form,
                "open": task.state not in (UserTaskState.COMPLETED, UserTaskState.CANCELED),
                "can_assign": user.has_perm("camunda_django.assign_usertask"),
                "can_complete": user.has_perm("camunda_django.complete_usertask"),
                "me": user.get_username(),
            },
            status=status,
        )

    def _logged(self, request: HttpRequest, key: str) -> UserTask:
        """The log entry's object: the key, and the task's name when the cluster has it."""
        try:
            name = self.client().get_user_task(key).name or ""
        except CamundaError:
            name = ""
        return UserTask(key=key, name=name)

    def _back_to_detail(self, key: str) -> HttpResponse:
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:camunda_django_usertask_change", args=(key,))
        )
