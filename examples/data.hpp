#pragma once
// Loading the tables that scripts/setup-debian.sh extracts from Debian's python3-sklearn.
#include <Eigen/Core>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace examples {

struct table {
  Eigen::MatrixXd features;
  Eigen::VectorXd target;
};

// scikit-learn's bundled CSV: a header "rows,cols,name0,name1,...", then rows of `cols`
// features followed by the target.
inline table load_sklearn_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open '" + path +
                             "': run scripts/setup-debian.sh, which extracts it from Debian's python3-sklearn package");
  std::string line;
  std::getline(in, line);
  std::istringstream header(line);
  long rows = 0, cols = 0;
  char comma = 0;
  if (!(header >> rows >> comma >> cols) || rows <= 0 || cols <= 0)
    throw std::runtime_error("'" + path + "' does not start with a 'rows,cols,...' header");
  table t{Eigen::MatrixXd(rows, cols), Eigen::VectorXd(rows)};
  for (long i = 0; i < rows; ++i) {
    if (!std::getline(in, line)) throw std::runtime_error("'" + path + "' ends before row " + std::to_string(i + 1));
    std::istringstream row(line);
    std::string cell;
    for (long j = 0; j <= cols; ++j) {
      if (!std::getline(row, cell, ','))
        throw std::runtime_error("'" + path + "': row " + std::to_string(i + 1) + " has fewer than " +
                                 std::to_string(cols + 1) + " fields");
      (j < cols ? t.features(i, j) : t.target(i)) = std::stod(cell);
    }
  }
  return t;
}

// A CSV without a header: rows of `cols` features followed by the target (the digits table).
inline table load_plain_csv(const std::string& path, long cols) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open '" + path +
                             "': run scripts/setup-debian.sh, which extracts it from Debian's python3-sklearn package");
  std::vector<double> values;
  std::string line, cell;
  long rows = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream row(line);
    long fields = 0;
    for (; std::getline(row, cell, ','); ++fields) values.push_back(std::stod(cell));
    if (fields != cols + 1)
      throw std::runtime_error("'" + path + "': row " + std::to_string(rows + 1) + " has " + std::to_string(fields) +
                               " fields, expected " + std::to_string(cols + 1));
    ++rows;
  }
  if (rows == 0) throw std::runtime_error("'" + path + "' has no rows");
  table t{Eigen::MatrixXd(rows, cols), Eigen::VectorXd(rows)};
  for (long i = 0; i < rows; ++i) {
    for (long j = 0; j < cols; ++j) t.features(i, j) = values[static_cast<std::size_t>(i * (cols + 1) + j)];
    t.target(i) = values[static_cast<std::size_t>(i * (cols + 1) + cols)];
  }
  return t;
}

// Zero mean and unit variance per column (population variance, as scikit-learn's StandardScaler).
inline Eigen::MatrixXd standardise(const Eigen::MatrixXd& x) {
  const Eigen::RowVectorXd mean = x.colwise().mean();
  const Eigen::MatrixXd centred = x.rowwise() - mean;
  const Eigen::RowVectorXd sd = (centred.array().square().colwise().sum() / double(x.rows())).sqrt();
  return centred.array().rowwise() / sd.array().max(1e-300);
}

inline std::string data_path(int argc, char** argv, const char* file) {
  if (argc > 1) return argv[1];
#ifdef SYMGRAD_DATA_DIR
  return std::string(SYMGRAD_DATA_DIR) + "/" + file;
#else
  return std::string("data/") + file;
#endif
}

// The fraction of rows whose largest entry is at the labelled class.
inline double accuracy(const Eigen::MatrixXd& probabilities, const Eigen::VectorXd& labels) {
  long right = 0;
  for (Eigen::Index i = 0; i < labels.size(); ++i) {
    Eigen::Index best = 0;
    probabilities.row(i).maxCoeff(&best);
    right += best == static_cast<Eigen::Index>(labels(i));
  }
  return static_cast<double>(right) / static_cast<double>(labels.size());
}

}  // namespace examples
