from django import forms

from kasam.economy.models import CostModel


class CostModelForm(forms.ModelForm):
    class Meta:
        model = CostModel
        fields = ["short_factor_pct", "mid_factor_pct", "default_salary_sek"]
