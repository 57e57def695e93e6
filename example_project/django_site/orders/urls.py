"""URLs of the order pages."""

from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("orders/<str:number>/", views.order_detail, name="detail"),
    path("orders/<str:number>/confirm-payment/", views.confirm_payment, name="confirm_payment"),
    path("orders/<str:number>/decide/", views.decide, name="decide"),
]
