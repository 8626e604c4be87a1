//! The four ways Backline's people work: the site's groups, which jobs,
//! salaries and filters all speak of.

use super::options::options;
use serde::{Deserialize, Serialize};

options!(
    /// How someone is engaged.
    EmploymentType, "employment_type", "type of work" {
        Employee = "employee", "Employee";
        Freelance = "freelance", "Freelance";
        Agency = "agency", "Through an agency";
        Temporary = "temporary", "Temporary";
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_slugs_round_trip_and_list_their_choices() {
        for option in EmploymentType::ALL {
            assert_eq!(EmploymentType::from_slug(option.slug()), Some(*option));
        }
        assert_eq!(
            EmploymentType::choices(),
            "employee, freelance, agency or temporary"
        );
    }
}
