#define BOOST_TEST_MODULE symgrad_laws
#include <boost/test/unit_test.hpp>

#include "tally.hpp"

namespace {

// Prints what every law test checked once the run ends (--log_level=message shows it).
struct report_totals {
  void setup() {}
  void teardown() {
    const laws::tally& t = laws::totals();
    BOOST_TEST_MESSAGE("symgrad laws: " << t.laws.size() << " laws at " << t.random_points + t.edge_points
                                        << " points (" << t.random_points << " random, " << t.edge_points
                                        << " from the edge grid); " << t.gradients << " gradients, " << t.entries
                                        << " entries");
    BOOST_TEST_MESSAGE("  against central differences: " << t.fd << " entries (" << t.fd_noise_limited
                                                         << " limited by rounding, " << t.fd_noise_limited_random
                                                         << " of them at random points; " << t.fd_skipped
                                                         << " skipped: outside the domain or at a kink)");
    BOOST_TEST_MESSAGE("  against ADOL-C: " << t.adolc << " entries; against long double where ADOL-C is not finite: "
                                            << t.long_double << "; stated overflows: " << t.overflow);
    BOOST_TEST_MESSAGE("  against the derivative written by hand: " << t.by_hand << " entries");
    for (const auto& [id, count] : t.known)
      BOOST_TEST_MESSAGE("  known deviation " << id << ": " << count << " comparisons (laws_support.cpp)");
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(report_totals);
